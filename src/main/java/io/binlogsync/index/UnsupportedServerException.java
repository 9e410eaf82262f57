package io.binlogsync.index;

import java.io.IOException;

/** The search cluster is not a server binlog-sync supports, or could not be identified; the message says which. */
public final class UnsupportedServerException extends IOException {
    public UnsupportedServerException(String message) {
        super(message);
    }
}
