package io.binlogsync.index;

import java.io.IOException;

/**
 * The search cluster answered a request with an error status. {@link #retriable()} says whether the same request
 * may pass later (408, 429, 5xx); any other status is the caller's or the operator's to fix, never worth a retry.
 */
public final class RefusedRequestException extends IOException {
    private final int status;

    public RefusedRequestException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    public boolean retriable() {
        return retriable(status);
    }

    /** Whether an answer with this status may pass when sent again: timeouts, overload and server errors. */
    public static boolean retriable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }
}
