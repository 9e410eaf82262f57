package io.binlogsync.version;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.MariadbGtids;

import java.util.Map;

/**
 * Numbers the changes of the binlog stream in order (see {@link VersionScheme}): by binlog position, or by the
 * transaction's MariaDB GTID and the row's place in it. Under GTID versions every transaction must be in one
 * replication domain, since the sequence numbers of two domains do not order changes. Used from the one thread
 * that reads the binlog.
 */
public final class TransactionVersions {
    private final DocumentVersions versions;
    /** The replication domain of GTID versions: the first one seen, or the only one of the start position. */
    private long domain = -1;
    /** Rows of mapped tables so far in the open transaction: the row part of GTID versions. */
    private long rowsInTransaction;

    /** {@code startGtids}: the MariaDB GTID position the stream starts from, by domain (empty if none). */
    public TransactionVersions(DocumentVersions versions, Map<Long, MariadbGtids.Gtid> startGtids) {
        this.versions = versions;
        if (startGtids.size() == 1) {
            domain = startGtids.keySet().iterator().next();
        }
    }

    /** A transaction begins (or the one open was cut off): its rows count from the first again. */
    public void newTransaction() {
        rowsInTransaction = 0;
    }

    /**
     * The version of the first of {@code rows} rows (or of a statement, as one row) at {@code position}, in the
     * transaction with MariaDB GTID {@code gtid} (null when it has none); the others follow it one by one.
     *
     * @throws IllegalStateException when GTID versions cannot number the change: no GTID, another domain
     * @throws IllegalArgumentException when the numbers exceed what the scheme can hold
     */
    public long next(BinlogPosition position, MariadbGtids.Gtid gtid, int rows) {
        if (versions == DocumentVersions.BINLOG_POSITION) {
            return VersionScheme.ofPosition(position);
        }
        if (gtid == null) {
            throw new IllegalStateException("elasticsearch.versions = gtid, but the transaction at " + position
                    + " has no MariaDB GTID. GTID versions need MariaDB; set versions = binlog-position (and resync)");
        }
        if (domain < 0) {
            domain = gtid.domain();
        } else if (gtid.domain() != domain) {
            throw new IllegalStateException("elasticsearch.versions = gtid, but the transaction " + gtid + " at "
                    + position + " is in replication domain " + gtid.domain() + " while earlier ones were in domain "
                    + domain + ": sequence numbers of two domains do not order changes. Write mapped tables"
                    + " in one domain, or set versions = binlog-position (and resync)");
        }
        long first = VersionScheme.ofGtid(gtid.sequence(), rowsInTransaction);
        // the last row must fit as well
        VersionScheme.ofGtid(gtid.sequence(), rowsInTransaction + Math.max(0, rows - 1));
        rowsInTransaction += rows;
        return first;
    }
}
