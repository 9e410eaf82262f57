package io.binlogsync.pipeline;

/** Figures the pipeline computes when asked (a scrape), not on its hot path. */
public interface PipelineGauges {

    /** Events waiting between the binlog reader and the mapper. */
    int queuedEvents();

    /** Batches being written to the sinks now. */
    int inFlightBatches();

    /**
     * Seconds the sinks are behind the source: now minus the commit time of the oldest transaction received and not
     * yet acknowledged by every sink; 0 when every transaction received is acknowledged (an idle source).
     */
    double lagSeconds();

    /**
     * Seconds, in all, the binlog reader waited to hand events over because the queue was full: the mapper was
     * waiting for a free writer (every in-flight batch taken) or could not keep up. Only grows.
     */
    double backpressureSeconds();
}
