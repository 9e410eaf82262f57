package io.binlogsync.source.binlog;

import io.binlogsync.event.MariadbGtids;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.XAPrepareEventData;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.ChangeEvent;
import io.binlogsync.event.MappedTableNames;
import io.binlogsync.event.RowChange;
import io.binlogsync.event.RowChangeKind;
import io.binlogsync.event.RowsChanged;
import io.binlogsync.event.SchemaChanged;
import io.binlogsync.event.TableId;
import io.binlogsync.event.TransactionCommitted;
import io.binlogsync.version.TransactionVersions;
import io.binlogsync.config.DocumentVersions;
import io.binlogsync.config.TablePattern;
import com.github.shyiko.mysql.binlog.GtidSet;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;

/**
 * Turns the replication library's mutable events into {@link ChangeEvent} records, in order. Tracks the current
 * file, transaction boundaries and the GTID position, and skips rows of tables nobody maps without decoding them.
 * Used from the one thread that reads the binlog.
 */
final class EventTranslator {
    private static final int MYSQL_HEARTBEAT_V2 = 41;
    private static final int MARIADB_FL_STANDALONE = 1;

    private final MappedTableNames wantedNames;
    private final RowsEventDecoder rowsEvents;
    private final TransactionVersions versions;
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
    private String lastGtid;
    private long serverId;

    EventTranslator(Set<TableId> wanted, ColumnLayoutResolver resolver, BinlogPosition start,
                    Optional<String> startGtid, DocumentVersions versions) {
        this(wanted, List.of(), resolver, start, startGtid, versions);
    }

    /** @param followed patterns of mappings that name tables by wildcard: their tables' rows are read too */
    EventTranslator(Set<TableId> wanted, List<TablePattern> followed, ColumnLayoutResolver resolver,
                    BinlogPosition start, Optional<String> startGtid, DocumentVersions versions) {
        this.wantedNames = new MappedTableNames(wanted, followed.stream().map(TablePattern::tableNameInSql).toList());
        this.rowsEvents = new RowsEventDecoder(new WantedTables(wanted, followed), resolver);
        this.currentFile = start.file();
        this.resumePosition = start;
        startGtid.ifPresent(this::seedGtid);
        this.versions = new TransactionVersions(versions, mariadbGtids);
    }

    private void seedGtid(String gtid) {
        lastGtid = gtid;
        if (MariadbGtids.isPosition(gtid)) {
            mariadbGtids.putAll(MariadbGtids.parse(gtid));
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
        rowsEvents.forgetLayouts();
    }

    private void endTransaction() {
        inTransaction = false;
        pendingMariadbGtid = null;
        pendingMysqlGtid = null;
        pendingStandalone = true;
        versions.newTransaction();
        rowsEvents.forgetTableMaps();
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
        return switch (header.getEventType()) {
            case PRE_GA_WRITE_ROWS, WRITE_ROWS, EXT_WRITE_ROWS -> rows(RowChangeKind.INSERT,
                    rowsEvents.inserted(event.getData(), startOf(header)), header);
            case PRE_GA_UPDATE_ROWS, UPDATE_ROWS, EXT_UPDATE_ROWS -> rows(RowChangeKind.UPDATE,
                    rowsEvents.updated(event.getData(), startOf(header)), header);
            case PRE_GA_DELETE_ROWS, DELETE_ROWS, EXT_DELETE_ROWS -> rows(RowChangeKind.DELETE,
                    rowsEvents.deleted(event.getData(), startOf(header)), header);
            case TABLE_MAP -> {
                rowsEvents.tableMap(event.getData());
                yield List.of();
            }
            case QUERY -> query(event.getData(), header);
            case MARIADB_GTID -> mariadbGtid(event.getData(), header);
            case GTID -> mysqlGtid(event.getData());
            case XID -> commit(endOf(header), true, header.getTimestamp());
            case XA_PREPARE -> xaPrepare(event.getData(), header);
            case ROTATE -> rotate(event.getData());
            case BINLOG_CHECKPOINT, MARIADB_GTID_LIST, PREVIOUS_GTIDS, FORMAT_DESCRIPTION, STOP -> bookkeeping(header);
            case INCIDENT -> throw UnreadableEvents.incident();
            case TRANSACTION_PAYLOAD -> throw UnreadableEvents.compressedTransaction();
            case PARTIAL_UPDATE_ROWS_EVENT -> throw UnreadableEvents.partialJsonUpdate();
            case UNKNOWN -> unknown(header);
            default -> List.of();
        };
    }

    private BinlogPosition startOf(EventHeaderV4 header) {
        return new BinlogPosition(currentFile, header.getPosition());
    }

    private BinlogPosition endOf(EventHeaderV4 header) {
        return new BinlogPosition(currentFile, header.getNextPosition());
    }

    private List<ChangeEvent> rows(RowChangeKind kind, Optional<RowsEventDecoder.TableRows> rows,
                                   EventHeaderV4 header) {
        if (rows.isEmpty()) {
            return List.of();
        }
        BinlogPosition position = startOf(header);
        List<RowChange> changes = rows.get().changes();
        long version = versions.next(position, pendingMariadbGtid, changes.size());
        return List.of(new RowsChanged(kind, rows.get().table(), position, version, changes));
    }

    private List<ChangeEvent> mariadbGtid(MariadbGtidEventData gtid, EventHeaderV4 header) {
        endTransaction();
        inTransaction = true;
        // the GTID's server id is the event header's; the library leaves the data's field unset
        pendingMariadbGtid = new MariadbGtids.Gtid(gtid.getDomainId(), header.getServerId(), gtid.getSequence());
        pendingStandalone = (gtid.getFlags() & MARIADB_FL_STANDALONE) != 0;
        return List.of();
    }

    private List<ChangeEvent> mysqlGtid(GtidEventData gtid) {
        endTransaction();
        inTransaction = true;
        pendingMysqlGtid = gtid.getMySqlGtid().toString();
        return List.of();
    }

    private List<ChangeEvent> xaPrepare(XAPrepareEventData prepare, EventHeaderV4 header) {
        if (prepare.isOnePhase()) {
            return commit(endOf(header), true, header.getTimestamp());
        }
        throw UnreadableEvents.twoPhaseXa();
    }

    private List<ChangeEvent> rotate(RotateEventData rotate) {
        currentFile = rotate.getBinlogFilename();
        if (!inTransaction) {
            return commit(new BinlogPosition(currentFile, rotate.getBinlogPosition()), false);
        }
        return List.of();
    }

    /**
     * Bookkeeping between transactions: move the resume point past it, or a quiet server would leave the saved
     * position behind these events for good.
     */
    private List<ChangeEvent> bookkeeping(EventHeaderV4 header) {
        BinlogPosition after = new BinlogPosition(currentFile, Math.max(0, header.getNextPosition()));
        // the format description a server sends when a dump starts mid-file lies behind the start: never back
        if (!inTransaction && after.compareTo(resumePosition) > 0) {
            return commit(after, false);
        }
        return List.of();
    }

    private List<ChangeEvent> query(QueryEventData query, EventHeaderV4 header) {
        String sql = query.getSql() == null ? "" : query.getSql().trim();
        String upper = sql.length() > 32 ? sql.substring(0, 32).toUpperCase(Locale.ROOT) : sql.toUpperCase(Locale.ROOT);
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
            return commit(endOf(header), true, header.getTimestamp());
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
        return ddl(sql, query.getDatabase(), header);
    }

    private List<ChangeEvent> ddl(String sql, String database, EventHeaderV4 header) {
        rowsEvents.forgetLayouts();
        DdlStatement.Parsed ddl = DdlStatement.parse(sql, database);
        List<ChangeEvent> events = new ArrayList<>(2);
        BinlogPosition at = startOf(header);
        events.add(new SchemaChanged(database, sql, at, versions.next(at, pendingMariadbGtid, 1), ddl.kind(), ddl.tables()));
        if (pendingMariadbGtid != null && !pendingStandalone) {
            // e.g. CREATE TABLE ... SELECT: its rows and its COMMIT follow in the same GTID group, which must not be
            // counted as done (a GTID resume would skip the whole group)
            return events;
        }
        events.addAll(commit(endOf(header), true, header.getTimestamp()));
        return events;
    }

    /** MySQL 8.0.26+ heartbeats (v2) carry nothing; every other unknown type might carry changes: stop. */
    private List<ChangeEvent> unknown(EventHeaderV4 header) {
        int code = header instanceof TypedEventHeader typed ? typed.typeCode() : -1;
        if (code == MYSQL_HEARTBEAT_V2) {
            return List.of();
        }
        throw UnreadableEvents.unknown(code);
    }

    private static boolean isStatementDml(String upper) {
        return upper.startsWith("INSERT") || upper.startsWith("UPDATE") || upper.startsWith("DELETE")
                || upper.startsWith("REPLACE") || upper.startsWith("LOAD DATA");
    }

    private static String abbreviate(String sql) {
        return sql.length() > 120 ? sql.substring(0, 120) + "..." : sql;
    }

    private List<ChangeEvent> commit(BinlogPosition after, boolean endsTransaction) {
        return commit(after, endsTransaction, 0);
    }

    /** {@code commitMillis}: the event header's time (when the source committed), 0 when unknown. */
    private List<ChangeEvent> commit(BinlogPosition after, boolean endsTransaction, long commitMillis) {
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
        return List.of(new TransactionCommitted(after, Optional.ofNullable(lastGtid), serverId, commitMillis));
    }
}
