package io.binlogsync.related;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.RowChange;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.RowsChanged;
import io.binlogsync.event.SchemaChanged;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.DeleteDocument;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.RelatedChanges;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.mapping.ValueText;
import io.binlogsync.mapping.join.Join;
import io.binlogsync.mapping.join.JoinedDocuments;
import io.binlogsync.mapping.join.RelatedRows;
import io.binlogsync.source.jdbc.ConsistentReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the stream's changes do to joined documents. A document is never made from the event's row alone: each
 * batch's changes name the documents to make again, and those are read in a consistent snapshot taken after the
 * batch's events (so it holds them) and written at the version just below that snapshot's position (so any later
 * change wins over them), as resync and {@code verify --repair} do. Within a batch each document is rebuilt once.
 * <ul>
 * <li>a row of the mapping's table (insert, update, delete): its document, by id (before and after an id
 * change); one whose row is gone is deleted at the snapshot's version;</li>
 * <li>a row of a one-to-many table (a variant): its parent's document through the join column, before and after
 * (a variant that moves updates both); an update that changes none of the join's columns is skipped;</li>
 * <li>a row of a many-to-one table (a category): every document whose join column holds its key, before and after:
 * possibly very many, so these go to the side lane ({@link RebuildLane}) as a durable job, and the stream goes on;</li>
 * <li>a TRUNCATE of a related table (either kind): every document of each mapping that joins it, on the side lane,
 * paged by the mapping table's key.</li>
 * </ul>
 * The first two are rebuilt inline, on the writer's thread, before the batch goes to the sinks.
 */
public final class StreamRebuilds implements RelatedChanges {
    private static final Logger log = LoggerFactory.getLogger(StreamRebuilds.class);
    private final RelatedTables related;
    private final SnapshotReads reads;
    private final RebuildJobs jobs;
    private final Runnable laneWake;
    private final Map<TableId, List<JoinedReader>> byOwnTable = new HashMap<>();
    private final Map<TableId, List<Map.Entry<JoinedReader, Join>>> byRelatedTable = new HashMap<>();
    private final RelatedSchemaChanges schemaChanges;
    private final DocumentVersions versions;
    private Pending pending = new Pending();

    /** The documents one batch asks to rebuild, each target once. */
    private static final class Pending {
        /** By reader: document id to the id columns' values. */
        final Map<JoinedReader, Map<String, List<Object>>> ids = new LinkedHashMap<>();
        /** By reader and column of its table: value text to value, rebuilt inline. */
        final Map<JoinedReader, Map<String, Map<String, Object>>> inline = new LinkedHashMap<>();
        /** The same, for the side lane. */
        final Map<JoinedReader, Map<String, Map<String, Object>>> lane = new LinkedHashMap<>();
        /** Readers whose every document the side lane rebuilds (a joined table was truncated), with that table. */
        final Map<JoinedReader, java.util.Set<TableId>> whole = new LinkedHashMap<>();

        /**
         * The last change told (the highest version: under GTID versions a failover starts positions again), at its
         * position: rebuilds read in snapshots that hold it.
         */
        BinlogPosition last;
        long lastVersion;

        void told(BinlogPosition position, long version) {
            if (last == null || version > lastVersion) {
                last = position;
                lastVersion = version;
            }
        }

        /** Targets added inline (an id or a join value each; a value may name more than one document). */
        int inlineTargets;

        boolean isEmpty() {
            return ids.isEmpty() && inline.isEmpty() && lane.isEmpty() && whole.isEmpty();
        }
    }

    StreamRebuilds(RelatedTables related, SnapshotReads reads, RebuildJobs jobs, Runnable laneWake) {
        this(related, reads, jobs, laneWake, RelatedSchemaChanges.NONE);
    }

    StreamRebuilds(RelatedTables related, SnapshotReads reads, RebuildJobs jobs, Runnable laneWake,
                   RelatedSchemaChanges schemaChanges) {
        this(related, reads, jobs, laneWake, schemaChanges, DocumentVersions.BINLOG_POSITION);
    }

    /** @param versions how changes are found in snapshots: by binlog position or by GTID ({@link ChangePoint}) */
    StreamRebuilds(RelatedTables related, SnapshotReads reads, RebuildJobs jobs, Runnable laneWake,
                   RelatedSchemaChanges schemaChanges, DocumentVersions versions) {
        this.versions = versions;
        this.schemaChanges = schemaChanges;
        this.related = related;
        this.reads = reads;
        this.jobs = jobs;
        this.laneWake = laneWake;
        for (JoinedReader reader : related.readers()) {
            byOwnTable.computeIfAbsent(reader.joined().table(), t -> new ArrayList<>()).add(reader);
            for (Join join : reader.joined().joins()) {
                byRelatedTable.computeIfAbsent(join.table(), t -> new ArrayList<>()).add(Map.entry(reader, join));
            }
        }
    }

    @Override
    public boolean buildsDocumentsOf(TableMapping mapping) {
        return related.joins(mapping);
    }

    @Override
    public void changed(RowsChanged change) {
        boolean relevant = byOwnTable.containsKey(change.table()) || byRelatedTable.containsKey(change.table());
        if (relevant) {
            pending.told(change.position(), change.version());
        }
        for (JoinedReader reader : byOwnTable.getOrDefault(change.table(), List.of())) {
            Map<String, List<Object>> ids = pending.ids.computeIfAbsent(reader, r -> new LinkedHashMap<>());
            for (RowChange row : change.rows()) {
                addId(reader, row.before(), ids);
                addId(reader, row.after(), ids);
            }
        }
        for (Map.Entry<JoinedReader, Join> joined : byRelatedTable.getOrDefault(change.table(), List.of())) {
            Join join = joined.getValue();
            Map<String, Map<String, Object>> byColumn = (join.many() ? pending.inline : pending.lane)
                    .computeIfAbsent(joined.getKey(), r -> new LinkedHashMap<>());
            Map<String, Object> values = byColumn.computeIfAbsent(join.parentColumn(), c -> new LinkedHashMap<>());
            for (RowChange row : change.rows()) {
                if (row.before() != null && row.after() != null && !changesUsedColumn(join, row)) {
                    continue;
                }
                int before = values.size();
                addValue(join, row.before(), values);
                addValue(join, row.after(), values);
                if (join.many()) {
                    pending.inlineTargets += values.size() - before;
                }
            }
        }
    }

    @Override
    public void truncated(SchemaChanged ddl) {
        for (TableId table : ddl.tables()) {
            for (Map.Entry<JoinedReader, Join> joined : byRelatedTable.getOrDefault(table, List.of())) {
                pending.told(ddl.position(), ddl.version());
                if (pending.whole.computeIfAbsent(joined.getKey(), r -> new java.util.LinkedHashSet<>()).add(table)) {
                    log.warn("TRUNCATE of {} at binlog {}: every document of {} ({}) is rebuilt on the side lane,"
                            + " without that table's fields", table, ddl.position(), joined.getKey().mapping().path(),
                            joined.getKey().mapping().index());
                }
            }
        }
    }

    @Override
    public void schemaChanged(SchemaChanged ddl) {
        schemaChanges.apply(ddl);
    }

    @Override
    public int pendingDocuments() {
        return pending.inlineTargets;
    }

    private void addId(JoinedReader reader, RowImage image, Map<String, List<Object>> ids) {
        if (image == null) {
            return;
        }
        TableMapping mapping = reader.mapping();
        String id = mapping.documentId(image);
        if (!ids.containsKey(id)) {
            List<Object> values = new ArrayList<>();
            for (String column : mapping.idColumns()) {
                values.add(image.get(column));
            }
            ids.put(id, values);
            pending.inlineTargets++;
        }
    }

    private static void addValue(Join join, RowImage image, Map<String, Object> values) {
        if (image == null) {
            return;
        }
        Object value = image.get(join.joinedColumn());
        if (value != null) {
            values.putIfAbsent(RelatedRows.key(value), value);
        }
    }

    private static boolean changesUsedColumn(Join join, RowChange row) {
        List<String> names = row.after().columns().names();
        for (int i = 0; i < names.size(); i++) {
            if (join.uses(names.get(i)) && !Objects.deepEquals(row.before().get(i), row.after().get(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<Rebuild> take() {
        pending.inline.values().removeIf(byColumn -> {
            byColumn.values().removeIf(Map::isEmpty);
            return byColumn.isEmpty();
        });
        pending.lane.values().removeIf(byColumn -> {
            byColumn.values().removeIf(Map::isEmpty);
            return byColumn.isEmpty();
        });
        pending.ids.values().removeIf(Map::isEmpty);
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        Pending taken = pending;
        pending = new Pending();
        return Optional.of(new Rebuild() {
            private List<String> keys = List.of();

            @Override
            public List<DocumentOperation> documents() throws InterruptedException {
                List<String> found = new ArrayList<>();
                List<DocumentOperation> documents = rebuild(taken, found);
                keys = List.copyOf(found);
                return documents;
            }

            @Override
            public List<String> keys() {
                return keys;
            }
        });
    }

    /**
     * The documents {@code taken} asks for; adds to {@code keys} the cache keys of those rebuilt because a related row
     * changed (the own rows' keys come with their events).
     */
    private List<DocumentOperation> rebuild(Pending taken, List<String> keys) throws InterruptedException {
        if (!taken.lane.isEmpty() || !taken.whole.isEmpty()) {
            saveLaneJob(taken);
        }
        if (taken.ids.isEmpty() && taken.inline.isEmpty()) {
            return List.of();
        }
        ConsistentReads.Read<List<Found>> read;
        try {
            read = reads.readAfter(ChangePoint.of(versions, taken.last, taken.lastVersion), connection -> {
                List<Found> found = new ArrayList<>();
                for (JoinedReader reader : related.readers()) {
                    Map<String, List<Object>> ids = taken.ids.getOrDefault(reader, Map.of());
                    Map<String, Map<String, Object>> byColumn = taken.inline.getOrDefault(reader, Map.of());
                    if (ids.isEmpty() && byColumn.isEmpty()) {
                        continue;
                    }
                    Map<String, RowImage> rows = new LinkedHashMap<>();
                    for (RowImage row : reader.rowsById(connection, ids.values())) {
                        rows.putIfAbsent(reader.mapping().documentId(row), row);
                    }
                    Map<String, RowImage> byRelated = new LinkedHashMap<>();
                    for (Map.Entry<String, Map<String, Object>> column : byColumn.entrySet()) {
                        for (RowImage row : reader.rowsWhere(connection, column.getKey(), column.getValue().values())) {
                            rows.putIfAbsent(reader.mapping().documentId(row), row);
                            byRelated.putIfAbsent(reader.mapping().documentId(row), row);
                        }
                    }
                    List<RowImage> list = List.copyOf(rows.values());
                    List<String> gone = ids.keySet().stream().filter(id -> !rows.containsKey(id)).toList();
                    found.add(new Found(reader, list, reader.related(connection, list), gone,
                            RelatedKeys.of(reader.mapping(), byRelated.values())));
                }
                return found;
            });
        } catch (ChangeNotInSnapshot e) {
            throw new IllegalStateException("cannot read the rows of joined documents to rebuild: " + e.getMessage()
                    + "; the position was not advanced past the changes that asked for them"
                    + (e.change() instanceof ChangePoint.Position ? "" : ". After a failover, restart: the stream"
                    + " resumes from the saved GTID on this server; if that transaction was lost in the failover, run"
                    + " `binlog-sync resync <table>` for " + tablesOf(taken)), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the rows of joined documents to rebuild: " + e.getMessage()
                    + "; the position was not advanced past the changes that asked for them (when a DDL dropped or renamed"
                    + " a column a join names, edit the join, restart, then resync the mapping's table)", e);
        }
        long version = reads.version(read);
        JoinedDocuments writer = new JoinedDocuments();
        List<DocumentOperation> documents = new ArrayList<>();
        for (Found found : read.value()) {
            documents.addAll(found.reader().documents(found.rows(), found.related(), writer, version, true));
            TableMapping mapping = found.reader().mapping();
            for (String id : found.gone()) {
                documents.add(new DeleteDocument(mapping.index(), id, version, mapping.table()));
            }
            keys.addAll(found.keys());
        }
        return documents;
    }

    private record Found(JoinedReader reader, List<RowImage> rows, RelatedRows related, List<String> gone,
                         List<String> keys) {
    }

    /** The tables of the mappings whose documents {@code taken} rebuilds inline, for the resync an error advises. */
    private static String tablesOf(Pending taken) {
        java.util.Set<String> tables = new java.util.LinkedHashSet<>();
        taken.ids.keySet().forEach(reader -> tables.add(reader.mapping().table().toString()));
        taken.inline.keySet().forEach(reader -> tables.add(reader.mapping().table().toString()));
        return String.join(", ", tables);
    }

    private void saveLaneJob(Pending taken) {
        List<RebuildJobs.Entry> entries = new ArrayList<>();
        // with GTID versions the job names the change by its GTID too, which any server of the topology can hold
        taken.lane.forEach((reader, byColumn) -> byColumn.forEach((column, values) -> entries.add(
                RebuildJobs.Entry.forChange(reader.mapping().path(), column,
                        values.values().stream().map(ValueText::of).toList(), false, versions, taken.last,
                        taken.lastVersion))));
        taken.whole.forEach((reader, tables) -> entries.add(RebuildJobs.Entry.forChange(reader.mapping().path(),
                "TRUNCATE", tables.stream().map(TableId::toString).toList(), true, versions, taken.last,
                taken.lastVersion)));
        try {
            jobs.add(entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save a rebuild job in " + jobs.directory() + ": " + e.getMessage()
                    + "; check the directory is writable and the disk has room", e);
        }
        laneWake.run();
    }
}
