package io.binlogsync.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Queueing, retry and shutdown behaviour between the binlog reader and the sinks.
 *
 * @param inFlightBatches how many bulk batches may be written to the sinks at the same time; the position is saved
 *                        only for the longest run of batches, in binlog order, that have all been acknowledged
 */
public record PipelineConfig(int queueCapacity, Duration retryInitialBackoff, Duration retryMaxBackoff,
                             Duration shutdownTimeout, int inFlightBatches) {

    public PipelineConfig {
        Objects.requireNonNull(retryInitialBackoff, "retryInitialBackoff");
        Objects.requireNonNull(retryMaxBackoff, "retryMaxBackoff");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    }
}
