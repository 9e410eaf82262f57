package io.binlogsync.verify;

import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.DeleteDocument;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.IndexDocument;
import io.binlogsync.mapping.VersionScheme;
import io.binlogsync.sink.Sink;
import io.binlogsync.sink.SinkBatch;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites drifted documents from the rows as they are now, through the stream's own Elasticsearch sink, with an
 * external version just below the source's binlog position read <em>before</em> the rows: every change the stream
 * writes after that read carries a higher version, so a repair never overwrites a newer streamed change (Elasticsearch
 * refuses it with a conflict, and the re-check sees the newer document); and the rows read after that position
 * include every change below it, so the repair is not older than what it replaces. A document that already holds a
 * higher version is left as it is, and stays drift if it still differs.
 */
final class Repairer {
    /** The source's current end of binlog. */
    @FunctionalInterface
    interface Positions {
        BinlogPosition current() throws SQLException;
    }

    private final Positions positions;
    private final Sink sink;

    Repairer(Positions positions, Sink sink) {
        this.positions = positions;
        this.sink = sink;
    }

    /** The version a repair made now writes with; take it before reading the rows the repair writes. */
    long versionNow() throws SQLException {
        return VersionScheme.versionOf(positions.current(), 0) - 1;
    }

    /** Indexes each id's document as its row is now, or deletes it where no row makes it any more. */
    void rewrite(MappedRows rows, List<String> ids) throws Exception {
        long version = versionNow();
        Map<String, RowImage> now = rows.rowsById(ids);
        List<DocumentOperation> operations = new ArrayList<>();
        String index = rows.mapping().index();
        TableId table = rows.mapping().table();
        for (String id : ids) {
            RowImage row = now.get(id);
            operations.add(row == null ? new DeleteDocument(index, id, version, table)
                    : new IndexDocument(index, id, version, rows.source(row), table));
        }
        sink.write(new SinkBatch(operations, List.of()));
    }

    /** Deletes documents that no row makes, at a version taken before that was established. */
    void delete(String index, TableId table, List<String> ids, long version) throws InterruptedException {
        List<DocumentOperation> operations = new ArrayList<>();
        ids.forEach(id -> operations.add(new DeleteDocument(index, id, version, table)));
        sink.write(new SinkBatch(operations, List.of()));
    }
}
