package io.binlogsync.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The rows done of the table a progress display is on, of the server's estimate, since the table began. */
final class RowCount {
    private final Clock clock;
    private String what;
    private long estimate;
    private long done;
    private Instant started;

    RowCount(Clock clock) {
        this.clock = clock;
    }

    /** Starts counting a new table; returns when it began. */
    Instant begin(String what, long estimatedRows) {
        this.what = what;
        this.estimate = estimatedRows;
        this.done = 0;
        this.started = clock.instant();
        return started;
    }

    void add(long rows) {
        done += rows;
    }

    /** The progress line as of {@code now}; {@code withEstimate} false leaves out the percent and time left. */
    String line(Instant now, boolean withEstimate) {
        return ProgressText.line(what, done, withEstimate ? estimate : 0, Duration.between(started, now));
    }

    String bar(int width) {
        return ProgressText.bar(done, estimate, width);
    }
}
