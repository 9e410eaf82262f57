package io.binlogsync.retry;

import org.slf4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Logs an outage of one server once when it starts and once when it ends, however many attempts fail in between,
 * so a long outage is two lines, not thousands.
 */
public final class OutageLog {
    private final Logger log;
    private final String what;
    private final Clock clock;
    private Instant since;
    private int failures;
    private int failingCallers;
    private String lastCause;

    public OutageLog(Logger log, String what, Clock clock) {
        this.log = log;
        this.what = what;
        this.clock = clock;
    }

    public synchronized void failed(Throwable cause, Duration retryIn) {
        failures++;
        if (since == null) {
            since = clock.instant();
            log.warn("{} unavailable: {}; retrying with backoff (next in {} ms), position not advanced",
                    what, describe(cause), retryIn.toMillis());
        } else {
            log.debug("{} still unavailable after {} attempts: {}", what, failures, describe(cause));
        }
    }

    public synchronized void recovered() {
        if (since != null) {
            log.info("{} available again after {} s and {} failed attempts", what,
                    Duration.between(since, clock.instant()).toSeconds(), failures);
            since = null;
            failures = 0;
        }
    }

    /** A caller's first failure; the outage begins (one WARN) when it is the only caller failing. */
    public synchronized void callerFailed(Throwable cause, Duration retryIn) {
        lastCause = describe(cause);
        failingCallers++;
        if (failingCallers == 1 && since == null) {
            failed(cause, retryIn);
        } else {
            failures++;
        }
    }

    public synchronized void callerStillFailing(Throwable cause) {
        lastCause = describe(cause);
        failures++;
        log.debug("{} still unavailable after {} attempts: {}", what, failures, describe(cause));
    }

    /**
     * A failing caller succeeded or gave up (an interrupt at shutdown); the outage ends when no caller is failing
     * any more, with one INFO if it ended in a success.
     */
    public synchronized void callerDone(boolean succeeded) {
        failingCallers = Math.max(0, failingCallers - 1);
        if (failingCallers == 0) {
            if (succeeded) {
                recovered();
            } else {
                since = null;
                failures = 0;
            }
        }
    }

    public synchronized boolean inOutage() {
        return since != null;
    }

    /** While an outage lasts: what is down, since when, and the last failure; for {@code /ready}. */
    public synchronized java.util.Optional<String> outage() {
        if (since == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(what + " unavailable since " + since + " (" + failures + " failed attempts): "
                + (lastCause == null ? "unknown cause" : lastCause));
    }

    /** The failure and, where it wraps another, the root cause: what an operator can act on. */
    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown cause";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = firstLine(cause);
        return root == cause ? text : text + " (" + root.getClass().getSimpleName() + ": " + firstLine(root) + ")";
    }

    private static String firstLine(Throwable throwable) {
        String message = throwable.getMessage();
        return message == null ? throwable.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
