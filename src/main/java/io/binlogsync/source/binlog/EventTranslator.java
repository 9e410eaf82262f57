package io.binlogsync.source.binlog;

import io.binlogsync.source.MariadbGtids;
import io.binlogsync.source.value.CellDecoder;
import io.binlogsync.source.value.ColumnDescriptor;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.XAPrepareEventData;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.ChangeEvent;
import io.binlogsync.event.MappedTableNames;
import io.binlogsync.event.RowChange;
import io.binlogsync.event.RowChangeKind;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.RowsChanged;
import io.binlogsync.event.SchemaChanged;
import io.binlogsync.event.TableId;
import io.binlogsync.event.TransactionCommitted;
import io.binlogsync.event.VersionScheme;
import io.binlogsync.config.DocumentVersions;
import com.github.shyiko.mysql.binlog.GtidSet;

import java.io.Serializable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the replication library's mutable events into {@link ChangeEvent} records, in order. Tracks the current
 * file, transaction boundaries and the GTID position, and skips rows of tables nobody maps without decoding them.
 * Used from the one thread that reads the binlog.
 */
final class EventTranslator {
    private static final int MYSQL_HEARTBEAT_V2 = 41;
    private static final int MARIADB_FL_STANDALONE = 1;
    private static final int MARIADB_COMPRESSED_FIRST = 165;
    private static final int MARIADB_COMPRESSED_LAST = 171;

    private final Set<TableId> wanted;
    private final MappedTableNames wantedNames;
    private final ColumnLayoutResolver resolver;
    private final CellDecoder decoder = new CellDecoder();
    private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();
    private final DocumentVersions versions;
    /** MariaDB: the last GTID per replication domain; together they are the server's GTID position. */
    private final Map<Long, MariadbGtids.Gtid> mariadbGtids = new TreeMap<>();
    /** MySQL: the executed GTID set; tracked only when seeded with the server's whole set. */
    private GtidSet mysqlGtids;
    private String currentFile;
    private BinlogPosition resumePosition;
    private boolean inTransaction;
    private MariadbGtids.Gtid pendingMariadbGtid;
    /** MariaDB's FL_STANDALONE: the GTID's group has no COMMIT of its own (a DDL); else a statement ends it. */
    private boolean pendingStandalone = true;
    private String pendingMysqlGtid;
    /** Rows of mapped tables so far in the open transaction: the row part of GTID versions. */
    private long rowsInTransaction;
    private long versionDomain = -1;
    private String lastGtid;
    private long serverId;

    EventTranslator(Set<TableId> wanted, ColumnLayoutResolver resolver, BinlogPosition start,
                    Optional<String> startGtid, DocumentVersions versions) {
        this.wanted = Set.copyOf(wanted);
        this.wantedNames = new MappedTableNames(wanted);
        this.resolver = resolver;
        this.versions = versions;
        this.currentFile = start.file();
        this.resumePosition = start;
        startGtid.ifPresent(this::seedGtid);
    }

    private void seedGtid(String gtid) {
        lastGtid = gtid;
        if (MariadbGtids.isPosition(gtid)) {
            mariadbGtids.putAll(MariadbGtids.parse(gtid));
            if (mariadbGtids.size() == 1) {
                versionDomain = mariadbGtids.keySet().iterator().next();
            }
        } else {
            mysqlGtids = new GtidSet(gtid);
        }
    }

    /** The server of the connection events come from now; positions from here on are in its binlog. */
    void connectedTo(long server) {
        serverId = server;
    }

    /** A new connection starts at {@link #resumePosition()}: forget the transaction it cut off. */
    void reconnecting() {
        endTransaction();
        currentFile = resumePosition.file();
        resolver.forgetAll();
    }

    private void endTransaction() {
        inTransaction = false;
        pendingMariadbGtid = null;
        pendingMysqlGtid = null;
        pendingStandalone = true;
        rowsInTransaction = 0;
        // every transaction sends the table maps it uses; keeping old ones only grows with table-id churn
        tableMaps.clear();
    }

    /** After the last whole transaction handed on: where a reconnect must start to lose nothing. */
    BinlogPosition resumePosition() {
        return resumePosition;
    }

    Optional<String> gtid() {
        return Optional.ofNullable(lastGtid);
    }

    /** Where the event being translated lies, for error messages. */
    BinlogPosition positionOf(Event event) {
        return new BinlogPosition(currentFile, Math.max(0, ((EventHeaderV4) event.getHeader()).getPosition()));
    }

    List<ChangeEvent> translate(Event event) throws SQLException {
        EventHeaderV4 header = event.getHeader();
        EventType type = header.getEventType();
        switch (type) {
            case ROTATE -> {
                RotateEventData rotate = event.getData();
                currentFile = rotate.getBinlogFilename();
                if (!inTransaction) {
                    return commit(new BinlogPosition(currentFile, rotate.getBinlogPosition()), false);
                }
                return List.of();
            }
            case MARIADB_GTID -> {
                MariadbGtidEventData gtid = event.getData();
                endTransaction();
                inTransaction = true;
                // the GTID's server id is the event header's; the library leaves the data's field unset
                pendingMariadbGtid = new MariadbGtids.Gtid(gtid.getDomainId(), header.getServerId(),
                        gtid.getSequence());
                pendingStandalone = (gtid.getFlags() & MARIADB_FL_STANDALONE) != 0;
                return List.of();
            }
            case GTID -> {
                GtidEventData gtid = event.getData();
                endTransaction();
                inTransaction = true;
                pendingMysqlGtid = gtid.getMySqlGtid().toString();
                return List.of();
            }
            case QUERY -> {
                return query(event.getData(), header);
            }
            case XID -> {
                return commit(new BinlogPosition(currentFile, header.getNextPosition()), true);
            }
            case TABLE_MAP -> {
                TableMapEventData map = event.getData();
                tableMaps.put(map.getTableId(), map);
                return List.of();
            }
            case XA_PREPARE -> {
                XAPrepareEventData prepare = event.getData();
                if (prepare.isOnePhase()) {
                    return commit(new BinlogPosition(currentFile, header.getNextPosition()), true);
                }
                throw new IllegalStateException("a two-phase XA transaction (XA PREPARE) is in the binlog: binlog-sync"
                        + " cannot yet hold its rows until XA COMMIT or XA ROLLBACK. Avoid two-phase XA on mapped tables");
            }
            case BINLOG_CHECKPOINT, MARIADB_GTID_LIST, PREVIOUS_GTIDS, FORMAT_DESCRIPTION, STOP -> {
                // bookkeeping between transactions: move the resume point past it, or a quiet server would leave
                // the saved position behind these events for good
                BinlogPosition after = new BinlogPosition(currentFile, Math.max(0, header.getNextPosition()));
                // the format description a server sends when a dump starts mid-file lies behind the start: never back
                if (!inTransaction && after.compareTo(resumePosition) > 0) {
                    return commit(after, false);
                }
                return List.of();
            }
            case INCIDENT -> throw new IllegalStateException("an INCIDENT event: the server recorded that changes may be"
                    + " missing from its binlog here (e.g. LOST_EVENTS). The index may lack them: resync it, then move"
                    + " the position past this event by hand");
            case UNKNOWN -> {
                return unknown(header);
            }
            case TRANSACTION_PAYLOAD -> throw new IllegalStateException("a compressed transaction (TRANSACTION_PAYLOAD):"
                    + " binlog-sync cannot read those yet. Set binlog_transaction_compression=OFF on the server");
            case PARTIAL_UPDATE_ROWS_EVENT -> throw new IllegalStateException("a partial JSON update row event:"
                    + " binlog-sync needs whole row images. Set binlog_row_value_options='' on the server");
            default -> {
                if (EventType.isWrite(type)) {
                    WriteRowsEventData data = event.getData();
                    return rows(RowChangeKind.INSERT, data.getTableId(), data.getIncludedColumns(), null,
                            data.getRows(), null, header);
                }
                if (EventType.isUpdate(type)) {
                    UpdateRowsEventData data = event.getData();
                    return rows(RowChangeKind.UPDATE, data.getTableId(), data.getIncludedColumns(),
                            data.getIncludedColumnsBeforeUpdate(), null, data.getRows(), header);
                }
                if (EventType.isDelete(type)) {
                    DeleteRowsEventData data = event.getData();
                    return rows(RowChangeKind.DELETE, data.getTableId(), data.getIncludedColumns(), null,
                            data.getRows(), null, header);
                }
                return List.of();
            }
        }
    }

    private List<ChangeEvent> query(QueryEventData query, EventHeaderV4 header) {
        String sql = query.getSql() == null ? "" : query.getSql().trim();
        String upper = sql.length() > 32 ? sql.substring(0, 32).toUpperCase(Locale.ROOT) : sql.toUpperCase(Locale.ROOT);
        BinlogPosition after = new BinlogPosition(currentFile, header.getNextPosition());
        if (upper.equals("BEGIN") || upper.startsWith("XA START") || upper.startsWith("XA END")) {
            if (!inTransaction) {
                endTransaction();
                inTransaction = true;
            }
            return List.of();
        }
        if (upper.startsWith("SAVEPOINT") || upper.startsWith("ROLLBACK TO")) {
            return List.of();
        }
        if (upper.equals("COMMIT") || upper.equals("ROLLBACK") || upper.startsWith("XA COMMIT")
                || upper.startsWith("XA ROLLBACK")) {
            return commit(after, true);
        }
        if (isStatementDml(upper)) {
            // a session with binlog_format=STATEMENT: no row images, so no way to know the rows
            if (wantedNames.mayBeNamedIn(sql)) {
                throw new IllegalStateException("a statement-based change (binlog_format=STATEMENT in its session)"
                        + " may concern a mapped table: " + abbreviate(sql) + ". binlog-sync needs row events;"
                        + " make every session use binlog_format=ROW, then resync the index");
            }
            return List.of();
        }
        resolver.forgetAll();
        DdlStatement.Parsed ddl = DdlStatement.parse(sql, query.getDatabase());
        List<ChangeEvent> events = new ArrayList<>(2);
        BinlogPosition at = new BinlogPosition(currentFile, header.getPosition());
        events.add(new SchemaChanged(query.getDatabase(), sql, at, versionOf(at, 1), ddl.kind(), ddl.tables()));
        if (pendingMariadbGtid != null && !pendingStandalone) {
            // e.g. CREATE TABLE ... SELECT: its rows and its COMMIT follow in the same GTID group, which must not be
            // counted as done (a GTID resume would skip the whole group)
            return events;
        }
        events.addAll(commit(after, true));
        return events;
    }

    /** MySQL 8.0.26+ heartbeats (v2) carry nothing; every other unknown type might carry changes: stop. */
    private List<ChangeEvent> unknown(EventHeaderV4 header) {
        int code = header instanceof TypedEventHeader typed ? typed.typeCode() : -1;
        if (code == MYSQL_HEARTBEAT_V2) {
            return List.of();
        }
        if (code >= MARIADB_COMPRESSED_FIRST && code <= MARIADB_COMPRESSED_LAST) {
            throw new IllegalStateException("a compressed binlog event (type " + code + "): binlog-sync cannot read"
                    + " MariaDB's compressed events yet. Set log_bin_compress=OFF on the server");
        }
        throw new IllegalStateException("a binlog event of type " + code + ", which binlog-sync does not know; it"
                + " may carry changes, so binlog-sync stops rather than pass over it");
    }

    private static boolean isStatementDml(String upper) {
        return upper.startsWith("INSERT") || upper.startsWith("UPDATE") || upper.startsWith("DELETE")
                || upper.startsWith("REPLACE") || upper.startsWith("LOAD DATA");
    }

    private static String abbreviate(String sql) {
        return sql.length() > 120 ? sql.substring(0, 120) + "..." : sql;
    }

    private List<ChangeEvent> commit(BinlogPosition after, boolean endsTransaction) {
        if (endsTransaction) {
            if (pendingMariadbGtid != null) {
                mariadbGtids.put(pendingMariadbGtid.domain(), pendingMariadbGtid);
                lastGtid = MariadbGtids.format(mariadbGtids);
            } else if (pendingMysqlGtid != null && mysqlGtids != null) {
                mysqlGtids.add(pendingMysqlGtid);
                lastGtid = mysqlGtids.toString();
            }
            endTransaction();
        }
        resumePosition = after;
        return List.of(new TransactionCommitted(after, Optional.ofNullable(lastGtid), serverId));
    }

    private List<ChangeEvent> rows(RowChangeKind kind, long tableId, BitSet included, BitSet includedBefore,
                                   List<Serializable[]> images, List<Map.Entry<Serializable[], Serializable[]>> pairs,
                                   EventHeaderV4 header) throws SQLException {
        TableMapEventData map = tableMaps.get(tableId);
        BinlogPosition position = new BinlogPosition(currentFile, header.getPosition());
        if (map == null) {
            throw new IllegalStateException("rows event for table id " + tableId + " at " + position
                    + " without a preceding TABLE_MAP event");
        }
        TableId table = new TableId(map.getDatabase(), map.getTable());
        if (!wanted.contains(table)) {
            return List.of();
        }
        ColumnLayout layout = resolver.resolve(map);
        requireFullImage(included, layout, position);
        if (includedBefore != null) {
            requireFullImage(includedBefore, layout, position);
        }
        List<RowChange> changes = new ArrayList<>(images != null ? images.size() : pairs.size());
        switch (kind) {
            case INSERT -> images.forEach(row -> changes.add(RowChange.inserted(image(layout, row, position))));
            case DELETE -> images.forEach(row -> changes.add(RowChange.deleted(image(layout, row, position))));
            case UPDATE -> pairs.forEach(pair -> changes.add(new RowChange(image(layout, pair.getKey(), position),
                    image(layout, pair.getValue(), position))));
        }
        long version = versionOf(position, changes.size());
        return List.of(new RowsChanged(kind, table, position, version, changes));
    }

    /** The version of the first of {@code rows} rows (or of a statement) at {@code position}; see VersionScheme. */
    private long versionOf(BinlogPosition position, int rows) {
        if (versions == DocumentVersions.BINLOG_POSITION) {
            return VersionScheme.ofPosition(position);
        }
        MariadbGtids.Gtid gtid = pendingMariadbGtid;
        if (gtid == null) {
            throw new IllegalStateException("elasticsearch.versions = gtid, but the transaction at " + position
                    + " has no MariaDB GTID. GTID versions need MariaDB; set versions = binlog-position (and resync)");
        }
        if (versionDomain < 0) {
            versionDomain = gtid.domain();
        } else if (gtid.domain() != versionDomain) {
            throw new IllegalStateException("elasticsearch.versions = gtid, but the transaction " + gtid + " at "
                    + position + " is in replication domain " + gtid.domain() + " while earlier ones were in domain "
                    + versionDomain + ": sequence numbers of two domains do not order changes. Write mapped tables"
                    + " in one domain, or set versions = binlog-position (and resync)");
        }
        long first = VersionScheme.ofGtid(gtid.sequence(), rowsInTransaction);
        VersionScheme.ofGtid(gtid.sequence(), rowsInTransaction + Math.max(0, rows - 1));
        rowsInTransaction += rows;
        return first;
    }

    private static void requireFullImage(BitSet included, ColumnLayout layout, BinlogPosition position) {
        if (included != null && included.cardinality() != layout.descriptors().length) {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < layout.descriptors().length; i++) {
                if (!included.get(i)) {
                    missing.add(layout.descriptors()[i].name());
                }
            }
            throw new IllegalStateException("the row image of " + layout.table() + " at " + position
                    + " lacks columns " + missing.stream().collect(Collectors.joining(", "))
                    + ": the server writes partial row images. Set binlog_row_image=FULL on the server");
        }
    }

    private RowImage image(ColumnLayout layout, Serializable[] row, BinlogPosition position) {
        ColumnDescriptor[] descriptors = layout.descriptors();
        Object[] values = new Object[descriptors.length];
        for (int i = 0; i < descriptors.length; i++) {
            values[i] = decoder.decode(row[i], descriptors[i], layout.table(), position);
        }
        return new RowImage(layout.columns(), values);
    }
}
