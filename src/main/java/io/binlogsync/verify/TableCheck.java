package io.binlogsync.verify;

import io.binlogsync.progress.Progress;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlogsync.event.RowImage;
import io.binlogsync.index.IndexReader;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that every row of a mapping's table has its document, equal field by field: the table is read in
 * key-ordered chunks, and each chunk's documents are fetched by id. Differences are looked at again while a
 * daemon may be catching up ({@link LagWait}); what remains is drift, repaired on request.
 */
final class TableCheck {
    private final MappedRows rows;
    private final IndexReader index;
    private final LagWait lag;
    private final Optional<Repairer> repairer;
    private final int chunkSize;

    TableCheck(MappedRows rows, IndexReader index, LagWait lag, Optional<Repairer> repairer, int chunkSize) {
        this.rows = rows;
        this.index = index;
        this.lag = lag;
        this.repairer = repairer;
        this.chunkSize = chunkSize;
    }

    void run(MappingTally tally, Progress progress) throws Exception {
        Optional<RowImage> after = Optional.empty();
        while (true) {
            List<RowImage> chunk = rows.chunk(after, chunkSize);
            if (chunk.isEmpty()) {
                return;
            }
            Map<String, JsonNode> expected = rows.expected(chunk);
            Map<String, JsonNode> actual = index.sources(rows.mapping().index(), expected.keySet());
            List<Drift> suspects = MappedRows.compare(expected.keySet(), expected, actual);
            if (!suspects.isEmpty()) {
                settle(suspects, tally);
            }
            tally.rowsChecked(chunk.size());
            progress.advance(chunk.size());
            if (chunk.size() < chunkSize) {
                return;
            }
            after = Optional.of(chunk.get(chunk.size() - 1));
        }
    }

    private void settle(List<Drift> suspects, MappingTally tally) throws Exception {
        List<Drift> drift = lag.settle(where(), suspects, this::look);
        tally.settled(suspects.size() - drift.size());
        tally.drifted(drift);
        if (repairer.isEmpty() || drift.isEmpty()) {
            return;
        }
        List<String> ids = drift.stream().map(Drift::id).toList();
        repairer.get().rewrite(rows, ids);
        List<Drift> left = lag.settle(where() + " after repair", look(ids), this::look);
        tally.repaired(ids.size() - left.size(), left.size());
    }

    private String where() {
        return rows.mapping().path() + " (" + rows.mapping().table() + " -> " + rows.mapping().index() + ")";
    }

    /** The drift among these ids now: their rows and documents read again. */
    private List<Drift> look(List<String> ids) throws Exception {
        Map<String, JsonNode> expected = rows.expected(rows.rowsById(ids).values());
        return MappedRows.compare(ids, expected, index.sources(rows.mapping().index(), ids));
    }
}
