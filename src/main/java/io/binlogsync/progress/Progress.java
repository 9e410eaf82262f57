package io.binlogsync.progress;

/** Shows how far a long job over tables is: rows done of an estimated total, and the rate. */
public interface Progress {

    /** A new table begins; {@code estimatedRows} is the server's estimate (0 when unknown). */
    void begin(String what, long estimatedRows);

    void advance(long rows);

    void end();

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
