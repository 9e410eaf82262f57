package io.binlogsync.verify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Tells drift from lag: a running daemon writes a change a moment after the table has it, so an id that differs
 * is looked at again, every {@code interval}, until it matches or {@code wait} has passed; only what still differs
 * then is drift.
 */
final class LagWait {
    private static final Logger log = LoggerFactory.getLogger(LagWait.class);
    /** Looks at ids again; returns those that still drift. */
    @FunctionalInterface
    interface Look {
        List<Drift> again(List<String> ids) throws Exception;
    }

    private final Duration wait;
    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Sleeps; tests pass one that advances their clock. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    LagWait(Duration wait, Duration interval, Clock clock, Sleeper sleeper) {
        this.wait = wait;
        this.interval = interval;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The suspects that still drift at the deadline (or as soon as none does); {@code where} is for the log. */
    List<Drift> settle(String where, List<Drift> suspects, Look look) throws Exception {
        List<Drift> remaining = suspects;
        if (!suspects.isEmpty() && !wait.isZero()) {
            log.info("{}: {} id(s) differ (first: {}); looking again for up to {} s, in case the index only lags the"
                    + " table", where, suspects.size(), suspects.get(0), wait.toSeconds());
        }
        Instant deadline = clock.instant().plus(wait);
        while (!remaining.isEmpty() && clock.instant().isBefore(deadline)) {
            Duration left = Duration.between(clock.instant(), deadline);
            sleeper.sleep(left.compareTo(interval) < 0 ? left : interval);
            remaining = look.again(remaining.stream().map(Drift::id).toList());
        }
        return remaining;
    }
}
