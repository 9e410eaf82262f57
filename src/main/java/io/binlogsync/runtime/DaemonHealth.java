package io.binlogsync.runtime;

import io.binlogsync.pipeline.SyncPipeline;
import io.binlogsync.pipeline.WorkingThreads;
import io.binlogsync.runtime.metrics.HealthChecks;
import io.binlogsync.sink.Sink;
import io.binlogsync.source.binlog.BinlogSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /health} and {@code /ready} of a {@link Daemon}: healthy while its pipeline has not failed and none of its
 * threads is wedged (on one piece of work longer than {@code metrics.wedged-after}; a writer retrying through a
 * sink's outage is not wedged, the outage makes it not ready); ready when the
 * binlog is being read, no sink is in an outage and the lag is within {@code metrics.ready-max-lag}. Reads the
 * daemon's parts through suppliers, on the endpoint's thread, without locking the daemon.
 */
final class DaemonHealth implements HealthChecks {
    private final Supplier<SyncPipeline> pipeline;
    private final Supplier<BinlogSource> source;
    private final Supplier<List<Sink>> sinks;
    private final Duration maxLag;
    private final Duration wedgedAfter;

    DaemonHealth(Supplier<SyncPipeline> pipeline, Supplier<BinlogSource> source, Supplier<List<Sink>> sinks,
                 Duration maxLag, Duration wedgedAfter) {
        this.pipeline = pipeline;
        this.source = source;
        this.sinks = sinks;
        this.maxLag = maxLag;
        this.wedgedAfter = wedgedAfter;
    }

    @Override
    public List<String> unhealthy() {
        SyncPipeline running = pipeline.get();
        if (running == null) {
            return List.of();
        }
        Optional<Throwable> failure = running.failure();
        if (failure.isPresent()) {
            return List.of("the pipeline stopped: " + failure.get().getMessage());
        }
        return wedged(running.working().longerThan(wedgedAfter), sinks.get().stream()
                .anyMatch(sink -> sink.outage().isPresent()), wedgedAfter);
    }

    /** One reason per wedged thread; while a sink is in an outage, writers are retrying it, not wedged. */
    static List<String> wedged(List<WorkingThreads.Working> stuck, boolean sinkOutage, Duration bound) {
        List<String> reasons = new ArrayList<>();
        for (WorkingThreads.Working thread : stuck) {
            if (thread.writesToSinks() && sinkOutage) {
                continue;
            }
            reasons.add("thread " + thread.thread() + " has been on one " + (thread.writesToSinks() ? "batch"
                    : "handoff of events") + " for " + thread.busy().toSeconds() + " s, over metrics.wedged-after ("
                    + bound.toSeconds() + " s), with no sink outage: wedged; a thread dump (jstack "
                    + ProcessHandle.current().pid() + ") shows where");
        }
        return reasons;
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
