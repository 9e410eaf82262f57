package io.binlogsync.verify;

import io.binlogsync.mapping.TableMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Counts of one mapping's check as it goes, and its first {@code show} drifted ids. */
final class MappingTally {
    private final TableMapping mapping;
    private final int show;
    private final List<Drift> samples = new ArrayList<>();
    private long rows;
    private long missing;
    private long extra;
    private long different;
    private long settled;
    private long repaired;
    private long unrepaired;
    private String error;

    MappingTally(TableMapping mapping, int show) {
        this.mapping = mapping;
        this.show = show;
    }

    void rowsChecked(long count) {
        rows += count;
    }

    void settled(long count) {
        settled += count;
    }

    void drifted(List<Drift> drifts) {
        for (Drift drift : drifts) {
            switch (drift.kind()) {
                case MISSING -> missing++;
                case EXTRA, FILTERED_OUT -> extra++;
                case DIFFERENT -> different++;
            }
            if (samples.size() < show) {
                samples.add(drift);
            }
        }
    }

    void repaired(long fixed, long left) {
        repaired += fixed;
        unrepaired += left;
    }

    void failed(String message) {
        error = message;
    }

    MappingReport report() {
        return new MappingReport(mapping.path(), mapping.table(), mapping.index(), rows, missing, extra, different,
                settled, repaired, unrepaired, samples, Optional.ofNullable(error));
    }
}
