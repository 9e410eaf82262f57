package io.binlogsync.pipeline;

import io.binlogsync.config.DdlConfig;
import io.binlogsync.event.DdlKind;
import io.binlogsync.event.MappedTableNames;
import io.binlogsync.event.SchemaChanged;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.ChangeMapper;
import io.binlogsync.mapping.ClearIndex;
import io.binlogsync.mapping.TableMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What DDL does to mapped tables: TRUNCATE empties their index (per {@code ddl.on-truncate}), DROP stops their
 * mappings (per {@code ddl.on-drop}), CREATE of a dropped table resumes them, partition removal stops the daemon,
 * RENAME warns that the new name is not mapped. Column changes need nothing: rows name their own columns
 * (binlog_row_metadata=FULL), and a mapping that no longer fits stops the daemon at the first row, naming the DDL
 * {@link #lastOn} remembers. Used from the pipeline's mapper thread only.
 */
final class DdlPolicy {
    private static final Logger log = LoggerFactory.getLogger(DdlPolicy.class);

    private final ChangeMapper mapper;
    private final DdlConfig config;
    private final MappedTableNames mappedTableNames;
    private final ShardDdl shardDdl;
    /** The last DDL seen for each mapped table, to name it when a mapping stops fitting. */
    private final Map<TableId, SchemaChanged> lastDdl = new HashMap<>();

    DdlPolicy(ChangeMapper mapper, DdlConfig config, Set<TableId> mappedTables) {
        this.mapper = mapper;
        this.config = config;
        this.mappedTableNames = new MappedTableNames(mappedTables, mapper.shards().namesInSql());
        this.shardDdl = new ShardDdl(mapper);
    }

    /** The last DDL seen on {@code table}, if any. */
    Optional<SchemaChanged> lastOn(TableId table) {
        return Optional.ofNullable(lastDdl.get(table));
    }

    /**
     * Acts on {@code ddl}.
     *
     * @return the index clears to write once everything before the DDL is written (a TRUNCATE's), else none
     * @throws PipelineFailure when the DDL stops the daemon (the position stays before it)
     */
    List<ClearIndex> apply(SchemaChanged ddl) {
        List<TableId> tables = shardDdl.apply(ddl);
        if (ddl.kind() == DdlKind.CREATE) {
            tables.stream().filter(mapper::isDisabled).forEach(table -> {
                mapper.enable(table);
                log.warn("CREATE TABLE {} at binlog {}: the table was dropped before; its mappings ({}) resume with"
                        + " the new table", table, ddl.position(), paths(table));
            });
        }
        List<TableId> mapped = tables.stream().filter(mapper::maps).toList();
        mapped.forEach(table -> lastDdl.put(table, ddl));
        if (mapped.isEmpty()) {
            if (ddl.kind() == DdlKind.OTHER && mappedTableNames.mayBeNamedIn(ddl.sql())) {
                log.warn("DDL at binlog {} may concern a mapped table, and binlog-sync cannot tell which: {}",
                        ddl.position(), ddl.abbreviated());
            } else {
                log.debug("DDL at binlog {}: {}", ddl.position(), ddl.abbreviated());
            }
            return List.of();
        }
        switch (ddl.kind()) {
            case TRUNCATE -> {
                List<ClearIndex> clears = new ArrayList<>();
                for (TableId table : mapped) {
                    clears.addAll(truncate(table, ddl));
                }
                return clears;
            }
            case DROP -> mapped.forEach(table -> drop(table, ddl));
            case PARTITION_REMOVAL -> throw new PipelineFailure("partitions of " + mapped + " lost rows at binlog "
                    + ddl.position() + " without row events (" + ddl.abbreviated() + "): their documents cannot be"
                    + " told apart. Rebuild the index from the table, then restart past this statement", null);
            case RENAME -> log.warn("RENAME of mapped table(s) {} at binlog {}: rows under a new name are not mapped"
                    + " until the config names it: {}", mapped, ddl.position(), ddl.abbreviated());
            default -> log.info("DDL on mapped table(s) {} at binlog {}: {}", mapped, ddl.position(), ddl.abbreviated());
        }
        return List.of();
    }

    private void drop(TableId table, SchemaChanged ddl) {
        List<String> paths = paths(table);
        if (config.onDrop() == DdlConfig.DropPolicy.STOP) {
            throw new PipelineFailure("DROP TABLE " + table + " at binlog " + ddl.position() + " (ddl.on-drop = stop):"
                    + " its mappings " + paths + " cannot go on. Remove them from the config (or set ddl.on-drop ="
                    + " stop-mapping), then restart: the position stays before the DROP", null);
        }
        mapper.disable(table);
        log.error("DROP TABLE {} at binlog {}: its mappings ({}) stop, the other tables go on; its documents"
                + " stay in the index. Remove the mapping from the config, or re-create the table and restart",
                table, ddl.position(), paths);
    }

    private List<ClearIndex> truncate(TableId table, SchemaChanged ddl) {
        switch (config.onTruncate()) {
            case STOP -> throw new PipelineFailure("TRUNCATE of " + table + " at binlog " + ddl.position()
                    + " (ddl.on-truncate = stop): rebuild its index, or set ddl.on-truncate to delete-documents or"
                    + " ignore, then restart: the position stays before the TRUNCATE", null);
            case IGNORE -> {
                log.warn("TRUNCATE of {} at binlog {}: its documents stay in the index (ddl.on-truncate = ignore)",
                        table, ddl.position());
                return List.of();
            }
            case DELETE_DOCUMENTS -> { }
        }
        List<TableMapping> mappings = mapper.mappingsOf(table);
        for (TableMapping mapping : mappings) {
            Set<TableId> others = mapper.otherTablesWriting(mapping.index(), table);
            if (!others.isEmpty()) {
                throw new PipelineFailure("TRUNCATE of " + table + " at binlog " + ddl.position() + ": index "
                        + mapping.index() + " is also written by " + others + ", so binlog-sync cannot tell which"
                        + " documents to delete. Rebuild the index from the tables, then restart", null);
            }
        }
        List<ClearIndex> clears = new ArrayList<>();
        for (TableMapping mapping : mappings) {
            log.warn("TRUNCATE of {} at binlog {}: deleting every document of index {} ({}); the cache keys of its"
                    + " rows are not known, so Redis keeps them", table, ddl.position(), mapping.index(), mapping.path());
            clears.add(new ClearIndex(mapping.index(), table, ddl.position(), ddl.version()));
        }
        return clears;
    }

    private List<String> paths(TableId table) {
        return mapper.mappingsOf(table).stream().map(TableMapping::path).toList();
    }
}
