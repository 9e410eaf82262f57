package io.binlogsync.verify;

import io.binlogsync.index.IndexReader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds documents that no row makes: every id of the index, a page at a time, looked up in the tables of every
 * mapping that writes to the index (several tables may share one), by their id columns. Extra ones are looked at
 * again while a daemon may be catching up (a row deleted a moment ago), then counted, and deleted on request.
 */
final class ExtraDocumentScan {
    private static final int PAGE = 1000;

    private final String index;
    private final List<MappedRows> writers;
    private final IndexReader reader;
    private final LagWait lag;
    private final Optional<Repairer> repairer;

    ExtraDocumentScan(String index, List<MappedRows> writers, IndexReader reader, LagWait lag,
                      Optional<Repairer> repairer) {
        this.index = index;
        this.writers = List.copyOf(writers);
        this.reader = reader;
        this.lag = lag;
        this.repairer = repairer;
    }

    void run(MappingTally tally) throws Exception {
        reader.refresh(index);
        reader.scanIds(index, PAGE, ids -> {
            List<Drift> suspects = extra(ids);
            if (suspects.isEmpty()) {
                return;
            }
            List<Drift> drift = lag.settle("index " + index, suspects, this::look);
            tally.settled(suspects.size() - drift.size());
            tally.drifted(drift);
            if (repairer.isPresent() && !drift.isEmpty()) {
                long version = repairer.get().versionNow();
                List<String> still = look(drift.stream().map(Drift::id).toList()).stream().map(Drift::id).toList();
                repairer.get().delete(index, writers.get(0).mapping().table(), still, version);
                List<Drift> left = lag.settle("index " + index + " after repair", look(still), this::look);
                tally.repaired(drift.size() - left.size(), left.size());
            }
        });
    }

    /** Those of the ids that no mapping's table makes. */
    private List<Drift> extra(List<String> ids) throws Exception {
        Set<String> made = new HashSet<>();
        for (MappedRows rows : writers) {
            made.addAll(rows.rowsById(ids).keySet());
        }
        List<String> unmade = ids.stream().filter(id -> !made.contains(id)).toList();
        Set<String> filteredOut = new HashSet<>();
        if (!unmade.isEmpty()) {
            for (MappedRows rows : writers) {
                filteredOut.addAll(rows.filteredOut(unmade));
            }
        }
        List<Drift> extra = new ArrayList<>();
        for (String id : unmade) {
            extra.add(new Drift(id, filteredOut.contains(id) ? Drift.Kind.FILTERED_OUT : Drift.Kind.EXTRA, List.of()));
        }
        return extra;
    }

    /** Those of the ids whose document still exists while no row makes it. */
    private List<Drift> look(List<String> ids) throws Exception {
        Set<String> existing = reader.sources(index, ids).keySet();
        return extra(ids.stream().filter(existing::contains).toList());
    }
}
