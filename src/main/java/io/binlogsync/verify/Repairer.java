package io.binlogsync.verify;

import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.DeleteDocument;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.IndexDocument;
import io.binlogsync.config.DocumentVersions;
import io.binlogsync.config.SnapshotConfig;
import io.binlogsync.version.VersionBounds;
import io.binlogsync.source.jdbc.ConsistentReads;
import io.binlogsync.source.jdbc.SourceDatabase;
import io.binlogsync.sink.Sink;
import io.binlogsync.sink.SinkBatch;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites drifted documents from the rows as they are now, through the stream's own Elasticsearch sink. The rows
 * are read in a consistent snapshot and written with the version just below that snapshot's binlog position
 * ({@link VersionBounds}): every change the stream writes after it carries a higher version, so a repair never
 * overwrites a newer streamed change (Elasticsearch refuses it with a conflict, and the re-check sees the newer
 * document), and every change before it is in the rows read, so the repair is not older than what it replaces. A
 * document that already holds a higher version is left as it is, and stays drift if it still differs.
 */
final class Repairer {
    private final SourceDatabase database;
    private final SnapshotConfig snapshot;
    private final DocumentVersions versions;
    private final Sink sink;

    Repairer(SourceDatabase database, SnapshotConfig snapshot, DocumentVersions versions, Sink sink) {
        this.database = database;
        this.snapshot = snapshot;
        this.versions = versions;
        this.sink = sink;
    }

    /**
     * The version a repair made now writes with: just below the binlog position of a consistent snapshot taken now;
     * take it before reading the rows the repair relies on.
     */
    long versionNow() throws SQLException {
        try (ConsistentReads reads = new ConsistentReads(database, snapshot)) {
            return VersionBounds.below(versions, reads.read(connection -> null, versions == DocumentVersions.GTID).at());
        }
    }

    /** Indexes each id's document as its row is now, or deletes it where no row makes it any more. */
    void rewrite(MappedRows rows, List<String> ids) throws Exception {
        Map<String, byte[]> now;
        long version;
        try (ConsistentReads reads = new ConsistentReads(database, snapshot)) {
            ConsistentReads.Read<Map<String, byte[]>> read = reads.read(connection -> rows.sourcesById(connection, ids),
                    versions == DocumentVersions.GTID);
            now = read.value();
            version = VersionBounds.below(versions, read.at());
        }
        List<DocumentOperation> operations = new ArrayList<>();
        String index = rows.mapping().index();
        TableId table = rows.mapping().table();
        for (String id : ids) {
            byte[] source = now.get(id);
            operations.add(source == null ? new DeleteDocument(index, id, version, table)
                    : new IndexDocument(index, id, version, source, table));
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
