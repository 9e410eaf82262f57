package io.binlogsync.runtime;

import io.binlogsync.pipeline.SyncPipeline;
import io.binlogsync.runtime.metrics.HealthChecks;
import io.binlogsync.sink.Sink;
import io.binlogsync.source.binlog.BinlogSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /health} and {@code /ready} of a {@link Daemon}: healthy while its pipeline has not failed; ready when the
 * binlog is being read, no sink is in an outage and the lag is within {@code metrics.ready-max-lag}. Reads the
 * daemon's parts through suppliers, on the endpoint's thread, without locking the daemon.
 */
final class DaemonHealth implements HealthChecks {
    private final Supplier<SyncPipeline> pipeline;
    private final Supplier<BinlogSource> source;
    private final Supplier<List<Sink>> sinks;
    private final Duration maxLag;

    DaemonHealth(Supplier<SyncPipeline> pipeline, Supplier<BinlogSource> source, Supplier<List<Sink>> sinks,
                 Duration maxLag) {
        this.pipeline = pipeline;
        this.source = source;
        this.sinks = sinks;
        this.maxLag = maxLag;
    }

    @Override
    public List<String> unhealthy() {
        SyncPipeline running = pipeline.get();
        Optional<Throwable> failure = running == null ? Optional.empty() : running.failure();
        return failure.map(e -> List.of("the pipeline stopped: " + e.getMessage())).orElse(List.of());
    }

    @Override
    public List<String> notReady() {
        List<String> reasons = new ArrayList<>(unhealthy());
        BinlogSource reading = source.get();
        if (reading == null) {
            reasons.add("starting: the binlog is not being read yet");
        } else {
            reading.disconnected().ifPresent(reasons::add);
        }
        for (Sink sink : sinks.get()) {
            sink.outage().ifPresent(reasons::add);
        }
        SyncPipeline running = pipeline.get();
        if (running != null) {
            double lag = running.lagSeconds();
            if (lag > maxLag.toMillis() / 1000.0) {
                reasons.add(String.format("lag is %.0f s, over metrics.ready-max-lag (%d s)", lag,
                        maxLag.toSeconds()));
            }
        }
        return reasons;
    }
}
