package io.binlogsync.pipeline;

import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.event.RowChangeKind;
import io.binlogsync.event.TableId;
import io.binlogsync.sink.SinkBatch;

/**
 * What the pipeline reports as it runs, for the metrics endpoint. Called on the pipeline's own threads, so an
 * implementation must be cheap and thread-safe; {@link #NONE} counts nothing.
 */
public interface PipelineMetrics {

    PipelineMetrics NONE = new PipelineMetrics() {
    };

    /** {@code count} rows of {@code table} read from the binlog (on the mapper thread, once per rows event). */
    default void rowsRead(TableId table, RowChangeKind kind, int count) {
    }

    /** {@code sink} acknowledged {@code batch} after {@code nanos}. */
    default void batchWritten(String sink, SinkBatch batch, long nanos) {
    }

    /** A batch failed in {@code sink} and stopped the pipeline. */
    default void batchFailed(String sink, Throwable cause) {
    }

    /** The state file now holds {@code saved}. */
    default void checkpointSaved(Checkpoint saved) {
    }

    /** The pipeline's live figures, read when the metrics are scraped. */
    default void watch(PipelineGauges gauges) {
    }
}
