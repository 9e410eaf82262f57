package io.binlogsync.config;

import java.time.Duration;
import java.util.Objects;

/**
 * When a bulk request is sent (group commit): as soon as no more changes wait to join it and a writer is free; before
 * that, at {@code maxActions} operations or {@code maxBytes} of body; and, while every writer is busy, once it has
 * filled for {@code maxWait} since its first operation (it then goes to the first writer that frees up).
 */
public record BulkConfig(int maxActions, long maxBytes, Duration maxWait) {

    public BulkConfig {
        Objects.requireNonNull(maxWait, "maxWait");
    }
}
