package io.binlogsync.runtime.metrics;

import io.binlogsync.config.MetricsConfig;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.pipeline.PipelineMetrics;
import io.binlogsync.progress.CopyFigures;
import io.binlogsync.sink.SinkMetrics;
import io.binlogsync.source.jdbc.SourceDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The metrics of one daemon: a Prometheus registry with the JVM and process binders, the pipeline's meters, the
 * bytes-behind poll (every {@link #POLL_SECONDS} s) and the HTTP endpoint. {@link #close()} stops all of them.
 */
public final class Telemetry implements AutoCloseable {
    static final int POLL_SECONDS = 5;

    private final MetricsConfig config;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final PipelineMetrics pipeline;
    private final SinkMetrics sinks;
    private final CopyFigures copies;
    private BytesBehind bytesBehind;
    private ScheduledExecutorService poller;
    private MetricsServer server;

    public Telemetry(MetricsConfig config) {
        this.config = config;
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        this.pipeline = new MicrometerPipelineMetrics(registry);
        this.sinks = new MicrometerSinkMetrics(registry);
        this.copies = new MicrometerCopyFigures(registry);
    }

    public PipelineMetrics pipeline() {
        return pipeline;
    }

    /** Serves the endpoint; call once. */
    public synchronized void serve(HealthChecks checks) {
        server = new MetricsServer(config, registry, checks);
        server.start();
    }

    /** Polls the bytes between {@code saved} and the source's binlog end; call once. */
    public synchronized void pollBytesBehind(SourceDatabase database, Supplier<BinlogPosition> saved) {
        bytesBehind = new BytesBehind(database, saved);
        Gauge.builder("binlogsync_lag_bytes", bytesBehind, BytesBehind::bytes)
                .description("Binlog bytes between the saved position and the source's current end (polled)")
                .register(registry);
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "metrics-binlog-poll");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(bytesBehind::poll, 0, POLL_SECONDS, TimeUnit.SECONDS);
    }

    /** Shows the joins' side lane backlog: its job files and the documents it has rebuilt; call once. */
    public synchronized void watchRebuildLane(io.binlogsync.related.RebuildJobs jobs,
                                              io.binlogsync.related.RebuildLane lane) {
        RebuildLaneGauges.register(registry, jobs, lane);
    }

    /** Rows copied per table by the snapshot, resyncs and rebuilds. */
    public CopyFigures copies() {
        return copies;
    }

    /** What the sinks count: retries, bulk requests, coalesced documents. */
    public SinkMetrics sinks() {
        return sinks;
    }

    public MetricsConfig config() {
        return config;
    }

    /** The port the endpoint listens on (the chosen one when {@code listen} says port 0). */
    public synchronized int port() {
        return server.port();
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
        if (bytesBehind != null) {
            bytesBehind.close();
        }
        if (server != null) {
            server.close();
            server = null;
        }
        gc.close();
        registry.close();
    }
}
