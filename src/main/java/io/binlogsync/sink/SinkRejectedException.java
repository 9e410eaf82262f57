package io.binlogsync.sink;

/** A target refused a write for good (a mapping error, a bad request, no permission): retrying cannot help. */
public class SinkRejectedException extends RuntimeException {
    public SinkRejectedException(String message) {
        super(message);
    }

    public SinkRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
