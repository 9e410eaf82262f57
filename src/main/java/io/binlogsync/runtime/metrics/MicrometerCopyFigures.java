package io.binlogsync.runtime.metrics;

import io.binlogsync.progress.CopyFigures;
import io.binlogsync.progress.Progress;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rows copied per table and phase as gauges: {@code binlogsync_copy_rows{phase,table}} (of the table's latest copy in
 * that phase, from 0 when it begins again) and {@code binlogsync_copy_rows_estimated{phase,table}} (the server's
 * estimate when it began). Fed by the copies' own progress calls: once per chunk.
 */
final class MicrometerCopyFigures implements CopyFigures {
    private final MeterRegistry registry;
    private final Map<String, Rows> tables = new ConcurrentHashMap<>();

    private record Rows(AtomicLong copied, AtomicLong estimated) {
    }

    MicrometerCopyFigures(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Progress of(String phase) {
        return new Progress() {
            private Rows current;

            @Override
            public void begin(String table, long estimatedRows) {
                current = tables.computeIfAbsent(phase + '\0' + table, key -> register(phase, table));
                current.copied().set(0);
                current.estimated().set(estimatedRows);
            }

            @Override
            public void advance(long rows) {
                if (current != null) {
                    current.copied().addAndGet(rows);
                }
            }

            @Override
            public void end() {
                current = null;
            }
        };
    }

    private Rows register(String phase, String table) {
        Rows rows = new Rows(new AtomicLong(), new AtomicLong());
        Gauge.builder("binlogsync_copy_rows", rows.copied(), AtomicLong::get)
                .description("Rows copied of the table in its latest snapshot, resync or rebuild").tag("phase", phase)
                .tag("table", table).register(registry);
        Gauge.builder("binlogsync_copy_rows_estimated", rows.estimated(), AtomicLong::get)
                .description("The source's estimate of the table's rows when that copy began").tag("phase", phase)
                .tag("table", table).register(registry);
        return rows;
    }
}
