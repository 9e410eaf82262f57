package io.binlogsync.related;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.DdlKind;
import io.binlogsync.event.SchemaChanged;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.join.Join;
import io.binlogsync.mapping.join.JoinFit;
import io.binlogsync.source.binlog.AlteredValues;
import io.binlogsync.source.jdbc.TableRowReader;
import io.binlogsync.source.jdbc.TableSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What DDL of a joined mapping's tables (its own or a related one) does to its joins: their tables are read again,
 * as they are now, and either every join still fits (its readers and columns are replaced: an added or changed column
 * is read from then on) or one no longer does (a column it names was dropped or renamed, or its related table was),
 * and the daemon stops before the DDL: {@link JoinNoLongerFits}. On the mapper's thread.
 * <p>
 * An ALTER that fits may still have rewritten values in place, without row events (a {@code MODIFY name VARCHAR(3)}
 * in a non-strict sql_mode truncates them; {@link AlteredJoinColumns} decides). Of a related table: every document
 * of the mappings whose joins read such a column is rebuilt on the side lane, as after a TRUNCATE. Of a mapping's own
 * table: a WARN gives the resync to run, since rebuilding every document of a table for each of its ALTERs is the
 * operator's call.
 */
final class RelatedSchemaChanges {
    private static final Logger log = LoggerFactory.getLogger(RelatedSchemaChanges.class);

    /** The tables as the source has them now (read again on each call, not from a cache). */
    @FunctionalInterface
    interface Tables {
        Optional<TableSchema> now(TableId table) throws SQLException;
    }

    /** DDL left a join naming something its tables no longer have. */
    static final class JoinNoLongerFits extends IllegalStateException {
        JoinNoLongerFits(String message) {
            super(message);
        }
    }

    /** The side lane's durable jobs: saved before the batch holding the DDL is acknowledged. */
    @FunctionalInterface
    interface LaneJobs {
        void add(List<RebuildJobs.Entry> entries) throws IOException;
    }

    static final RelatedSchemaChanges NONE = new RelatedSchemaChanges(RelatedTables.NONE, table -> Optional.empty(),
            entries -> { }, DocumentVersions.BINLOG_POSITION);

    private final RelatedTables related;
    private final Tables tables;
    private final LaneJobs laneJobs;
    private final DocumentVersions versions;

    /** {@code versions}: how the lane's jobs name the change they wait for (a GTID sequence under GTID versions). */
    RelatedSchemaChanges(RelatedTables related, Tables tables, LaneJobs laneJobs, DocumentVersions versions) {
        this.related = related;
        this.tables = tables;
        this.laneJobs = laneJobs;
        this.versions = versions;
    }

    /**
     * Acts on {@code ddl}; a TRUNCATE or a partition removal changes rows, not columns, and is handled elsewhere.
     *
     * @throws JoinNoLongerFits when a join no longer fits (the position must stay before {@code ddl})
     * @throws IllegalStateException when the rebuild job an ALTER asks for cannot be saved (idem)
     */
    void apply(SchemaChanged ddl) {
        if (ddl.kind() == DdlKind.TRUNCATE || ddl.kind() == DdlKind.PARTITION_REMOVAL || ddl.tables().isEmpty()) {
            return;
        }
        for (JoinedReader reader : related.readers()) {
            if (concerns(reader, ddl)) {
                refresh(reader, ddl);
            }
        }
        if (ddl.kind() == DdlKind.ALTER) {
            valuesMayHaveChanged(ddl);
        }
    }

    /** After an ALTER that every join still fits: rebuilds or a resync for the values it may have rewritten. */
    private void valuesMayHaveChanged(SchemaChanged ddl) {
        TableId table = ddl.tables().get(0);
        AlteredValues altered = AlteredValues.of(ddl.sql());
        List<JoinedReader> joining = new ArrayList<>();
        List<String> own = new ArrayList<>();
        for (JoinedReader reader : related.readers()) {
            if (AlteredJoinColumns.ofRelatedTable(reader, table, altered)) {
                joining.add(reader);
            }
            if (reader.joined().table().equals(table) && AlteredJoinColumns.ofOwnTable(reader, altered)) {
                own.add(reader.mapping().path());
            }
        }
        if (!own.isEmpty()) {
            log.warn("ALTER of {} at binlog {} ({}) may have rewritten values that the documents of {} carry, without"
                    + " row events: they are not rebuilt; run `binlog-sync resync {}` to rewrite them", table,
                    ddl.position(), ddl.abbreviated(), String.join(", ", own), table);
        }
        if (joining.isEmpty()) {
            return;
        }
        List<RebuildJobs.Entry> entries = joining.stream().map(reader -> RebuildJobs.Entry.forChange(reader.mapping().path(),
                "ALTER", List.of(table.toString()), true, versions, ddl.position(), ddl.version())).toList();
        try {
            laneJobs.add(entries);
        } catch (IOException e) {
            throw new IllegalStateException("cannot save the rebuild job the ALTER of " + table + " at binlog "
                    + ddl.position() + " asks for: " + e.getMessage() + "; check the state file's directory is"
                    + " writable and the disk has room, then restart: the position stays before the DDL", e);
        }
        log.info("ALTER of {} at binlog {} ({}) may have rewritten values that joins read, without row events: every"
                + " document of {} mapping(s) ({}) is rebuilt on the side lane", table, ddl.position(),
                ddl.abbreviated(), entries.size(), String.join(", ", entries.stream().map(RebuildJobs.Entry::mapping)
                        .toList()));
    }

    private static boolean concerns(JoinedReader reader, SchemaChanged ddl) {
        return ddl.tables().contains(reader.joined().table())
                || reader.joined().joins().stream().anyMatch(join -> ddl.tables().contains(join.table()));
    }

    private void refresh(JoinedReader reader, SchemaChanged ddl) {
        TableId own = reader.joined().table();
        Optional<TableSchema> parent = read(own, reader, ddl);
        if (parent.isEmpty()) {
            // the mapping's own table dropped or renamed: ddl.on-drop and the RENAME warning (DdlPolicy) decide
            return;
        }
        Map<Join, TableSchema> schemas = new IdentityHashMap<>();
        for (Join join : reader.joined().joins()) {
            Optional<TableSchema> schema = read(join.table(), reader, ddl);
            Optional<JoinFit.Misfit> misfit = JoinFit.check(join.config(), own, parent.get().tableColumns(),
                    schema.map(TableSchema::tableColumns));
            if (misfit.isPresent()) {
                throw new JoinNoLongerFits(message(reader, misfit.get(), ddl));
            }
            schemas.put(join, schema.get());
        }
        Map<Join, TableRowReader> readers = new IdentityHashMap<>();
        try {
            schemas.forEach((join, schema) -> readers.put(join, new TableRowReader(schema)));
            reader.tablesChanged(new JoinedReader.Readers(new TableRowReader(parent.get()), readers));
        } catch (IllegalArgumentException e) {
            throw new JoinNoLongerFits(reader.mapping().path() + ": after the DDL at binlog " + ddl.position() + " ("
                    + ddl.abbreviated() + "), its tables cannot be read: " + e.getMessage() + ". Then run"
                    + " `binlog-sync resync " + own + "`; the position stays before the DDL");
        }
        schemas.forEach((join, schema) -> join.columnsChanged(schema.tableColumns()));
        log.info("DDL at binlog {} on {}: the joins of {} still fit and read the tables' columns as they are now",
                ddl.position(), ddl.tables(), reader.mapping().path());
    }

    private Optional<TableSchema> read(TableId table, JoinedReader reader, SchemaChanged ddl) {
        try {
            return tables.now(table);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the definition of " + table + " after the DDL at binlog "
                    + ddl.position() + " (joined by " + reader.mapping().path() + "): " + e.getMessage()
                    + "; the position stays before the DDL, restart once the source answers", e);
        }
    }

    static String message(JoinedReader reader, JoinFit.Misfit misfit, SchemaChanged ddl) {
        return misfit.describe() + " after the DDL at binlog " + ddl.position() + " (" + ddl.abbreviated()
                + "): the join no longer fits, and the documents of " + reader.mapping().path() + " would carry"
                + " stale fields. Edit the join in the config to name what the table has now, restart, then run"
                + " `binlog-sync resync " + reader.joined().table() + "`; the position stays before the DDL";
    }
}
