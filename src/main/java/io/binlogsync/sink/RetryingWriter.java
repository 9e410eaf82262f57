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
    private final String sink;
    private final SinkMetrics metrics;

    /** One attempt; throws {@link RetriableException} for a failure that may pass. */
    @FunctionalInterface
    public interface Attempt {
        void run() throws RetriableException, InterruptedException;
    }

    /** A failure that may pass: the target is down, overloaded or timing out; {@link #reason()} says which. */
    public static final class RetriableException extends Exception {
        private final RetryCause reason;

        /** The reason told by {@code cause}: a timeout when one is among its causes, else unavailable. */
        public RetriableException(String message, Throwable cause) {
            this(message, cause, RetryCause.of(cause));
        }

        public RetriableException(String message, Throwable cause, RetryCause reason) {
            super(message, cause);
            this.reason = reason;
        }

        public RetryCause reason() {
            return reason;
        }
    }

    /** @param sink the sink's name, which the retries it counts into {@code metrics} are labelled with */
    public RetryingWriter(Duration initialBackoff, Duration maxBackoff, OutageLog outage, String sink,
                          SinkMetrics metrics) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.outage = outage;
        this.sink = sink;
        this.metrics = metrics;
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
                    metrics.retried(sink, e.reason());
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
