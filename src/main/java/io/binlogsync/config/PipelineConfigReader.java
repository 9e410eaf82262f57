package io.binlogsync.config;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads {@code pipeline { ... }}. */
final class PipelineConfigReader {

    private static final int MAX_IN_FLIGHT_BATCHES = 16;

    private PipelineConfigReader() {
    }

    static Optional<PipelineConfig> read(Section pipeline) {
        Optional<Long> queueCapacity = pipeline.wholeNumber("queue-capacity", 1, Integer.MAX_VALUE,
                "it is how many events may wait between the binlog reader and the sinks, e.g. queue-capacity = 1000");
        Section retry = pipeline.section("retry");
        Optional<Duration> initialBackoff = retry.positiveDuration("initial-backoff");
        Optional<Duration> maxBackoff = retry.positiveDuration("max-backoff");
        retry.rejectUnknownKeys();
        Optional<Duration> shutdownTimeout = pipeline.positiveDuration("shutdown-timeout");
        Optional<Long> inFlightBatches = pipeline.wholeNumber("in-flight-batches", 1, MAX_IN_FLIGHT_BATCHES,
                "it is how many bulk batches may be written to the sinks at the same time; 2 to 4 suits most"
                        + " clusters, e.g. in-flight-batches = 2");
        pipeline.rejectUnknownKeys();

        boolean backoffsOrdered = initialBackoff.isEmpty() || maxBackoff.isEmpty()
                || initialBackoff.orElseThrow().compareTo(maxBackoff.orElseThrow()) <= 0;
        if (!backoffsOrdered) {
            retry.problem("initial-backoff", "is longer than max-backoff (" + initialBackoff.orElseThrow().toMillis()
                    + "ms > " + maxBackoff.orElseThrow().toMillis() + "ms); make initial-backoff at most max-backoff");
        }
        if (!backoffsOrdered
                || Stream.of(queueCapacity, initialBackoff, maxBackoff, shutdownTimeout, inFlightBatches)
                        .anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new PipelineConfig(queueCapacity.orElseThrow().intValue(), initialBackoff.orElseThrow(),
                maxBackoff.orElseThrow(), shutdownTimeout.orElseThrow(), inFlightBatches.orElseThrow().intValue()));
    }
}
