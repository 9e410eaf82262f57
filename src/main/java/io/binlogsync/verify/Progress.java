package io.binlogsync.verify;

/** Shows how far a check is: rows done of an estimated total, and the rate. */
public interface Progress {

    /** A new table begins; {@code estimatedRows} is the server's estimate (0 when unknown). */
    void begin(String what, long estimatedRows);

    void advance(long rows);

    void end();

    /** Shows nothing, for ITs and other callers that only want the report. */
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
