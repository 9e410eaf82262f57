package io.binlogsync.testing;

import java.util.Locale;

/** One line per notable harness event, on stderr so it never mixes with a program's own output. */
public final class HarnessLog {

    private HarnessLog() {
    }

    public static void info(String message) {
        System.err.println("[test-servers] " + message);
    }

    public static String secondsSince(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
