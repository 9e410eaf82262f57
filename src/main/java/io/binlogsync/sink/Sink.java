package io.binlogsync.sink;

/**
 * A target the pipeline writes to. {@link #write} returns only when the target has acknowledged all of the batch
 * that concerns it; it retries what can be retried (outages, overload) with backoff, and throws
 * {@link SinkRejectedException} for what never will succeed. An interrupt abandons the write.
 */
public interface Sink extends AutoCloseable {

    String name();

    void write(SinkBatch batch) throws InterruptedException;

    /** While writes to the target are failing and being retried: what is down and why. */
    default java.util.Optional<String> outage() {
        return java.util.Optional.empty();
    }

    /** Fails with a message saying what is wrong when the target cannot be reached; for {@code check}. */
    void ping() throws Exception;

    @Override
    void close();
}
