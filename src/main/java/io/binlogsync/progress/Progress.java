package io.binlogsync.progress;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;

/** Shows how far a long job over tables is: rows done of an estimated total, and the rate. */
public interface Progress {

    /** A new table begins; {@code estimatedRows} is the server's estimate (0 when unknown). */
    void begin(String what, long estimatedRows);

    void advance(long rows);

    void end();

    /**
     * A bar redrawn on {@code terminal} when the process runs on one; otherwise, under a service manager or into a
     * pipe where a redrawn line would be noise, a log line every 10 s naming what is {@code doing} ("copying").
     */
    static Progress shown(PrintWriter terminal, String doing, Clock clock) {
        return onTerminal() ? new TerminalProgress(terminal, clock)
                : new LogProgress(doing, clock, Duration.ofSeconds(10));
    }

    /** Set (to "json") while log lines are JSON: a bar redrawn on standard error would break them. */
    String LOG_FORMAT_PROPERTY = "binlogsync.log.format";

    /** Whether the process runs on a terminal, where a line may be redrawn in place, and logs plain text. */
    static boolean onTerminal() {
        return System.console() != null && !"json".equals(System.getProperty(LOG_FORMAT_PROPERTY));
    }

    /** Shows on {@code first}, then on {@code second}. */
    static Progress both(Progress first, Progress second) {
        return new Progress() {
            @Override
            public void begin(String what, long estimatedRows) {
                first.begin(what, estimatedRows);
                second.begin(what, estimatedRows);
            }

            @Override
            public void advance(long rows) {
                first.advance(rows);
                second.advance(rows);
            }

            @Override
            public void end() {
                first.end();
                second.end();
            }
        };
    }

    /** Shows nothing, for tests and callers that only want the result. */
    Progress NONE = new Progress() {
        @Override
        public void begin(String what, long estimatedRows) {
        }

        @Override
        public void advance(long rows) {
        }

        @Override
        public void end() {
        }
    };
}
