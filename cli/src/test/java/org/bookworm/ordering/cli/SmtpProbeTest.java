package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class SmtpProbeTest {

    @Test
    void an_smtp_server_that_greets_is_up_and_one_that_is_gone_is_down() throws Exception {
        int port = ServeDurabilityIT.freePort();
        var smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        var probe = SmtpProbe.of("127.0.0.1:" + port);
        try {
            probe.check();
        } finally {
            smtp.stop();
        }
        assertThatThrownBy(probe::check).isInstanceOf(IOException.class);
        assertThat(smtp.getReceivedMessages()).as("a probe sends no mail").isEmpty();
    }

    @Test
    void a_malformed_address_is_refused_like_smtp_itself() {
        assertThatThrownBy(() -> SmtpProbe.of("mail.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--smtp 'mail.example' is not host:port");
    }
}
