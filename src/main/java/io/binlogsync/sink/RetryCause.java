package io.binlogsync.sink;

import java.io.InterruptedIOException;
import java.util.Locale;

/**
 * Why a write is retried, in the few words the retries metric is labelled with: the target could not be reached or
 * dropped the connection ({@link #UNAVAILABLE}), did not answer in time ({@link #TIMEOUT}), said it is overloaded
 * ({@link #TOO_MANY_REQUESTS}: HTTP 429, a busy Redis), answered with a server error ({@link #SERVER_ERROR}: 5xx), or
 * acknowledged on too few replicas ({@link #REPLICAS}: {@code redis.wait-replicas}).
 */
public enum RetryCause {
    UNAVAILABLE, TIMEOUT, TOO_MANY_REQUESTS, SERVER_ERROR, REPLICAS;

    /** The label value: {@code too_many_requests}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** An HTTP status that may pass: 408 (and 504) a timeout, 429 overload, any other 5xx a server error. */
    public static RetryCause ofStatus(int status) {
        if (status == 408 || status == 504) {
            return TIMEOUT;
        }
        return status == 429 ? TOO_MANY_REQUESTS : SERVER_ERROR;
    }

    /** A failure without a status: a timeout when a socket or connect timeout is among its causes, else unavailable. */
    public static RetryCause of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // SocketTimeoutException and the HTTP client's ConnectTimeoutException are both InterruptedIOExceptions
            if (t instanceof InterruptedIOException || t instanceof java.util.concurrent.TimeoutException) {
                return TIMEOUT;
            }
        }
        return UNAVAILABLE;
    }
}
