package io.binlogsync.config;

import java.time.Duration;
import java.util.Objects;

/** Queueing, retry and shutdown behaviour between the binlog reader and the sinks. */
public record PipelineConfig(int queueCapacity, Duration retryInitialBackoff, Duration retryMaxBackoff,
                             Duration shutdownTimeout) {

    public PipelineConfig {
        Objects.requireNonNull(retryInitialBackoff, "retryInitialBackoff");
        Objects.requireNonNull(retryMaxBackoff, "retryMaxBackoff");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    }
}
