package io.binlogsync.sink;

/**
 * What the sinks report for the metrics endpoint. Called on writer threads once per attempt, request or batch, never
 * per document, so an implementation must be cheap and thread-safe; {@link #NONE} counts nothing.
 */
public interface SinkMetrics {

    SinkMetrics NONE = new SinkMetrics() {
    };

    /** {@code sink} failed an attempt for {@code cause} and will try again after its backoff. */
    default void retried(String sink, RetryCause cause) {
    }

    /** One {@code _bulk} request of {@code actions} operations and {@code bytes} bytes took {@code nanos}, answer read. */
    default void bulkRequest(long nanos, int bytes, int actions) {
    }

    /** {@code count} operations of {@code index} were left out of a bulk request: a newer one of each went instead. */
    default void documentsCoalesced(String index, int count) {
    }
}
