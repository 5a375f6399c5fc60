package org.bookworm.ordering.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** How log lines look: {@code text} (logback.xml) or {@code json} (logback-json.xml, Logback's own JsonEncoder). */
enum LogFormat {
    TEXT("/logback.xml"),
    JSON("/logback-json.xml");

    private final String configuration;

    LogFormat(String configuration) {
        this.configuration = configuration;
    }

    /** {@code text} or {@code json}, in any case; anything else is a usage error naming the flag. */
    static LogFormat parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("--log-format is text or json, not '" + text + "'");
        };
    }

    /** Reconfigures Logback with this format's file; text is what Logback loaded at start, so it changes nothing. */
    void apply() {
        if (this != TEXT) {
            load();
        }
    }

    /** Reconfigures Logback with this format's file, whatever it runs with now. */
    void load() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        context.reset();
        try {
            configurator.doConfigure(LogFormat.class.getResource(configuration));
        } catch (JoranException broken) {
            throw new IllegalStateException("cannot load " + configuration, broken);
        }
    }
}
