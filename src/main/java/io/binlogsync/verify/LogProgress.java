package io.binlogsync.verify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Progress as log lines, one every {@code interval}, and one when a table is done: for logs and pipes. */
public final class LogProgress implements Progress {
    private static final Logger log = LoggerFactory.getLogger(LogProgress.class);

    private final Clock clock;
    private final Duration interval;
    private String what;
    private long estimate;
    private long done;
    private Instant started;
    private Instant logged;

    public LogProgress(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public void begin(String what, long estimatedRows) {
        this.what = what;
        this.estimate = estimatedRows;
        this.done = 0;
        this.started = clock.instant();
        this.logged = started;
        log.info("verifying {} (~{} rows)", what, estimatedRows);
    }

    @Override
    public void advance(long rows) {
        done += rows;
        Instant now = clock.instant();
        if (Duration.between(logged, now).compareTo(interval) >= 0) {
            logged = now;
            log.info("{}", ProgressText.line(what, done, estimate, Duration.between(started, now)));
        }
    }

    @Override
    public void end() {
        log.info("done: {}", ProgressText.line(what, done, 0, Duration.between(started, clock.instant())));
    }
}
