package io.binlogsync.sink;

import io.binlogsync.tls.UntrustedCertificateException;
import io.binlogsync.retry.Backoff;
import io.binlogsync.retry.OutageLog;

import java.time.Duration;

/**
 * Runs an attempt until it succeeds, waiting with capped backoff between failures that may pass, and logging an
 * outage once when it begins and once when it ends. Rejections, a server certificate that is not trusted (it will
 * not become trusted by waiting) and interrupts end it at once.
 */
public final class RetryingWriter {
    private final Duration initialBackoff;
    private final Duration maxBackoff;
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

    public RetryingWriter(Duration initialBackoff, Duration maxBackoff, OutageLog outage) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.outage = outage;
    }

    /**
     * Each call backs off on its own (several writer threads share a sink; one thread's success says nothing of
     * another's hot shard); the outage log counts the calls that are failing.
     */
    public void run(Attempt attempt) throws InterruptedException {
        Backoff backoff = new Backoff(initialBackoff, maxBackoff);
        boolean failing = false;
        boolean succeeded = false;
        try {
            while (true) {
                try {
                    attempt.run();
                    succeeded = true;
                    return;
                } catch (RetriableException e) {
                    var untrusted = UntrustedCertificateException.in(e);
                    if (untrusted.isPresent()) {
                        throw new SinkRejectedException(untrusted.get().getMessage(), e);
                    }
                    Duration wait = backoff.next();
                    if (!failing) {
                        failing = true;
                        outage.callerFailed(e, wait);
                    } else {
                        outage.callerStillFailing(e);
                    }
                    Thread.sleep(wait.toMillis());
                }
            }
        } finally {
            if (failing) {
                outage.callerDone(succeeded);
            }
        }
    }
}
