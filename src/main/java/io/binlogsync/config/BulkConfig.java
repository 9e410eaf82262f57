package io.binlogsync.config;

import java.time.Duration;
import java.util.Objects;

/** When a bulk request is sent: at {@code maxActions} operations, {@code maxBytes} of body, or {@code maxWait} after
 *  its first operation, whichever comes first. */
public record BulkConfig(int maxActions, long maxBytes, Duration maxWait) {

    public BulkConfig {
        Objects.requireNonNull(maxWait, "maxWait");
    }
}
