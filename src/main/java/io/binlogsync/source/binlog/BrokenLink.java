package io.binlogsync.source.binlog;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * Tells a broken connection from an undecodable event. The binlog client hands both to its deserialization-failure
 * callback when the link breaks in the middle of an event: it treats only {@link SocketException} and end of stream
 * as a lost connection, so a read timeout (a silent server, a stalled network) or a TLS failure mid-event would
 * otherwise look like bad data and stop the daemon instead of reconnecting.
 */
final class BrokenLink {
    private BrokenLink() {
    }

    /** The I/O failure of the link somewhere in {@code failure}'s causes, if that is what it is. */
    static Optional<IOException> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof SocketException
                    || cause instanceof SSLException) {
                return Optional.of((IOException) cause);
            }
        }
        return Optional.empty();
    }
}
