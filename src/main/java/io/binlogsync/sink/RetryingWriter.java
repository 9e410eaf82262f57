package io.binlogsync.sink;

import io.binlogsync.retry.Backoff;
import io.binlogsync.retry.OutageLog;

import java.time.Duration;

/**
 * Runs an attempt until it succeeds, waiting with capped backoff between failures that may pass, and logging an
 * outage once when it begins and once when it ends. Rejections and interrupts end it at once.
 */
public final class RetryingWriter {
    private final Backoff backoff;
    private final OutageLog outage;

    /** One attempt; throws {@link RetriableException} for a failure that may pass. */
    @FunctionalInterface
    public interface Attempt {
        void run() throws RetriableException, InterruptedException;
    }

    /** A failure that may pass: the target is down, overloaded or timing out. */
    public static final class RetriableException extends Exception {
        public RetriableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public RetryingWriter(Backoff backoff, OutageLog outage) {
        this.backoff = backoff;
        this.outage = outage;
    }

    public void run(Attempt attempt) throws InterruptedException {
        while (true) {
            try {
                attempt.run();
                outage.recovered();
                backoff.reset();
                return;
            } catch (RetriableException e) {
                Duration wait = backoff.next();
                outage.failed(e, wait);
                Thread.sleep(wait.toMillis());
            }
        }
    }
}
