package io.binlogsync.runtime.metrics;

import io.binlogsync.related.RebuildJobs;
import io.binlogsync.related.RebuildLane;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;

/**
 * The joins' side lane backlog: {@code binlogsync_related_rebuild_jobs} (job files waiting or being done, counted
 * at each scrape, so a job a stopped daemon left shows from the start) and
 * {@code binlogsync_related_documents_rebuilt_total} (documents the lane has written since the start).
 */
final class RebuildLaneGauges {
    private RebuildLaneGauges() {
    }

    /** Both objects must live as long as the daemon: Micrometer holds them weakly. */
    static void register(MeterRegistry registry, RebuildJobs jobs, RebuildLane lane) {
        Gauge.builder("binlogsync_related_rebuild_jobs", jobs, RebuildLaneGauges::count)
                .description("Rebuild jobs of joined documents waiting or running on the side lane (files in "
                        + jobs.directory() + ")")
                .register(registry);
        FunctionCounter.builder("binlogsync_related_documents_rebuilt", lane, RebuildLane::documentsRebuilt)
                .description("Joined documents the side lane has rebuilt since the start")
                .register(registry);
    }

    /** NaN (no sample) when the directory cannot be listed, rather than a misleading 0. */
    private static double count(RebuildJobs jobs) {
        try {
            return jobs.count();
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
