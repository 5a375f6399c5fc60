package org.bookworm.ordering.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lines of {@code serve}'s banner that tell a newcomer what to do next. Every command in them runs as printed:
 * it names the launcher the user started (bin/ordering passes it as {@code -Dordering.launcher}), needs nothing that
 * a fresh machine lacks (no {@code uuidgen}: {@code token mint} draws the buyer) and is quoted for the shell.
 */
final class GettingStarted {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

    private GettingStarted() {}

    static List<String> lines(String launcher, Path dataDir, long pid) {
        return List.of(
                "Get a token:   " + launcher + " token mint --role user --data-dir " + shellWord(dataDir.toString()),
                "Demo books:    Dune " + Wiring.DUNE + ", Emma " + Wiring.EMMA,
                "Stop:          Ctrl-C, or kill " + pid);
    }

    /**
     * How the user started this program: bin/ordering's path as they typed it; {@code java -jar} with full paths when
     * run from the jar by hand; else {@code bin/ordering}, the launcher of a checkout.
     */
    static String launcher() {
        String given = System.getProperty("ordering.launcher");
        if (given != null && !given.isBlank()) {
            return shellWord(given);
        }
        try {
            var source = GettingStarted.class.getProtectionDomain().getCodeSource();
            Path jar = source == null ? null : Path.of(source.getLocation().toURI());
            if (jar != null && Files.isRegularFile(jar)) {
                Path java = Path.of(System.getProperty("java.home"), "bin", "java");
                return shellWord(java.toString()) + " -jar " + shellWord(jar.toString());
            }
        } catch (java.net.URISyntaxException | IllegalArgumentException | SecurityException unknown) {
            // fall through to the checkout's launcher
        }
        return "bin/ordering";
    }

    /** One word for a POSIX shell: as it is when nothing in it is special, else in single quotes. */
    static String shellWord(String text) {
        if (PLAIN.matcher(text).matches()) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
