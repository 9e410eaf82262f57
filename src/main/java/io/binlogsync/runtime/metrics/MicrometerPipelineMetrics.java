package io.binlogsync.runtime.metrics;

import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.event.RowChangeKind;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.DeleteDocument;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.pipeline.PipelineGauges;
import io.binlogsync.pipeline.PipelineMetrics;
import io.binlogsync.sink.SinkBatch;
import io.binlogsync.sink.redis.RedisSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pipeline's figures as Micrometer meters. Meters are resolved once per table, index and sink and kept, so a
 * rows event costs one map lookup and a batch one per index run, never one per row.
 */
public final class MicrometerPipelineMetrics implements PipelineMetrics {
    private final MeterRegistry registry;
    private final Map<TableId, Map<RowChangeKind, Counter>> rows = new ConcurrentHashMap<>();
    private final Map<String, IndexCounters> indices = new ConcurrentHashMap<>();
    private final Map<String, SinkMeters> sinks = new ConcurrentHashMap<>();
    private final AtomicLong savedFileSequence = new AtomicLong();
    private final AtomicLong savedOffset = new AtomicLong();
    private final AtomicLong savedAtSeconds = new AtomicLong();

    public MicrometerPipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("binlogsync_checkpoint_file_sequence", savedFileSequence, AtomicLong::get)
                .description("Sequence number of the binlog file of the saved position").register(registry);
        Gauge.builder("binlogsync_checkpoint_offset_bytes", savedOffset, AtomicLong::get)
                .description("Offset in that file of the saved position").register(registry);
        Gauge.builder("binlogsync_checkpoint_saved_time_seconds", savedAtSeconds, AtomicLong::get)
                .description("When the position was last saved (Unix time)").register(registry);
    }

    private record IndexCounters(Counter indexed, Counter deleted) {
    }

    private record SinkMeters(Timer latency, DistributionSummary size, Counter keysDeleted) {
    }

    @Override
    public void rowsRead(TableId table, RowChangeKind kind, int count) {
        rows.computeIfAbsent(table, this::rowCounters).get(kind).increment(count);
    }

    private Map<RowChangeKind, Counter> rowCounters(TableId table) {
        Map<RowChangeKind, Counter> counters = new EnumMap<>(RowChangeKind.class);
        for (RowChangeKind kind : RowChangeKind.values()) {
            counters.put(kind, Counter.builder("binlogsync_rows_read").description("Rows read from the binlog")
                    .tag("table", table.toString()).tag("kind", kind.name().toLowerCase())
                    .register(registry));
        }
        return counters;
    }

    @Override
    public void batchWritten(String sink, SinkBatch batch, long nanos) {
        SinkMeters meters = sinks.computeIfAbsent(sink, this::sinkMeters);
        meters.latency().record(nanos, TimeUnit.NANOSECONDS);
        // every sink is handed the whole batch and writes its own part of it: Redis the keys, the search cluster
        // the documents
        boolean cache = sink.equals(RedisSink.NAME);
        meters.size().record(cache ? batch.keys().size() : batch.documents().size());
        if (cache) {
            meters.keysDeleted().increment(batch.keys().size());
            return;
        }
        if (batch.documents().isEmpty()) {
            return;
        }
        // documents of one index come in runs: one lookup per run
        String index = null;
        IndexCounters counters = null;
        for (DocumentOperation document : batch.documents()) {
            if (!document.index().equals(index)) {
                index = document.index();
                counters = indices.computeIfAbsent(index, this::indexCounters);
            }
            (document instanceof DeleteDocument ? counters.deleted() : counters.indexed()).increment();
        }
    }

    private IndexCounters indexCounters(String index) {
        return new IndexCounters(
                Counter.builder("binlogsync_documents_indexed").description("Documents indexed (created or replaced)")
                        .tag("index", index).register(registry),
                Counter.builder("binlogsync_documents_deleted").description("Documents deleted")
                        .tag("index", index).register(registry));
    }

    private SinkMeters sinkMeters(String sink) {
        return new SinkMeters(
                Timer.builder("binlogsync_batch_write").description("Time a sink took to acknowledge a batch,"
                        + " retries included").tag("sink", sink).publishPercentileHistogram().register(registry),
                DistributionSummary.builder("binlogsync_batch_operations").description("Operations in a batch")
                        .tag("sink", sink).publishPercentileHistogram().register(registry),
                sink.equals(RedisSink.NAME)
                        ? Counter.builder("binlogsync_keys_deleted").description("Cache keys deleted")
                                .tag("sink", sink).register(registry)
                        : null);
    }

    @Override
    public void batchFailed(String sink, Throwable cause) {
        registry.counter("binlogsync_sink_failures", "sink", sink, "cause", cause.getClass().getSimpleName())
                .increment();
    }

    @Override
    public void checkpointSaved(Checkpoint saved) {
        savedFileSequence.set(saved.position().fileSequence());
        savedOffset.set(saved.position().offset());
        savedAtSeconds.set(saved.savedAt().getEpochSecond());
    }

    /** The registry holds {@code gauges} strongly: nothing else keeps the pipeline's view alive. */
    @Override
    public void watch(PipelineGauges gauges) {
        Gauge.builder("binlogsync_queue_events", gauges, PipelineGauges::queuedEvents)
                .description("Events waiting between the binlog reader and the mapper").strongReference(true)
                .register(registry);
        Gauge.builder("binlogsync_in_flight_batches", gauges, PipelineGauges::inFlightBatches)
                .description("Batches being written to the sinks").strongReference(true).register(registry);
        Gauge.builder("binlogsync_lag_seconds", gauges, PipelineGauges::lagSeconds)
                .description("Now minus the commit time of the oldest transaction not yet acknowledged by every sink;"
                        + " 0 when caught up").strongReference(true).register(registry);
        // weakly held, but the gauges above hold the same object strongly
        FunctionCounter.builder("binlogsync_backpressure_seconds", gauges, PipelineGauges::backpressureSeconds)
                .description("Time the binlog reader waited because the queue was full (the mapper waiting for a"
                        + " free writer, or not keeping up)").baseUnit("seconds").register(registry);
    }
}
