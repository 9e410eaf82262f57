package io.binlogsync.progress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Progress as log lines, one every {@code interval}, and one when a table is done: for logs and pipes. */
public final class LogProgress implements Progress {
    private static final Logger log = LoggerFactory.getLogger(LogProgress.class);

    private final String doing;
    private final Clock clock;
    private final Duration interval;
    private final RowCount rows;
    private Instant logged;

    /** @param doing what is done to each table, for the log: "copying", "verifying" */
    public LogProgress(String doing, Clock clock, Duration interval) {
        this.doing = doing;
        this.clock = clock;
        this.interval = interval;
        this.rows = new RowCount(clock);
    }

    @Override
    public void begin(String what, long estimatedRows) {
        logged = rows.begin(what, estimatedRows);
        log.info("{} {} (~{} rows)", doing, what, estimatedRows);
    }

    @Override
    public void advance(long done) {
        rows.add(done);
        Instant now = clock.instant();
        if (Duration.between(logged, now).compareTo(interval) >= 0) {
            logged = now;
            log.info("{}", rows.line(now, true));
        }
    }

    @Override
    public void end() {
        log.info("done: {}", rows.line(clock.instant(), false));
    }
}
