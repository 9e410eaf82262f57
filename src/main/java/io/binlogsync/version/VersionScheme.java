package io.binlogsync.version;

import io.binlogsync.event.BinlogPosition;

/**
 * Elasticsearch external versions: a number per row change that grows with the change's place in the source's
 * history, so a replayed older change can never overwrite a newer document. Two ways to number:
 * <ul>
 * <li>by binlog position: the file's sequence number in the high 31 bits, the event's offset plus the row's index
 * in the low 32. The sum fits in 32 bits because a binlog offset is a 32-bit field and each row of an event takes
 * at least one byte of it. Valid on one server only: another server's files and offsets are unrelated.</li>
 * <li>by MariaDB GTID: the transaction's sequence number in the high 39 bits, the row's index within the
 * transaction in the low 24. A promoted replica continues the sequence numbers of its replication domain, so the
 * versions keep growing across a failover.</li>
 * </ul>
 */
public final class VersionScheme {
    /** Bits of a GTID version that number the rows of one transaction. */
    public static final int ROW_BITS = 24;
    public static final long MAX_ROWS_PER_TRANSACTION = 1L << ROW_BITS;
    private static final long MAX_SEQUENCE = (1L << (63 - ROW_BITS)) - 1;

    private VersionScheme() {
    }

    /** The version of the first row of the rows event starting at {@code eventPosition}; row i has it plus i. */
    public static long ofPosition(BinlogPosition eventPosition) {
        if (eventPosition.offset() >= 1L << 32) {
            throw new IllegalArgumentException("binlog offset of " + eventPosition + " exceeds 32 bits");
        }
        return (eventPosition.fileSequence() << 32) | eventPosition.offset();
    }

    /** The GTID sequence number of the transaction a GTID version ({@link #ofGtid}) belongs to. */
    public static long gtidSequenceOf(long version) {
        return version >>> ROW_BITS;
    }

    /** The version of the row at {@code rowInTransaction} in the transaction with GTID sequence {@code sequence}. */
    public static long ofGtid(long sequence, long rowInTransaction) {
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("GTID sequence number " + sequence + " exceeds " + MAX_SEQUENCE);
        }
        if (rowInTransaction < 0 || rowInTransaction >= MAX_ROWS_PER_TRANSACTION) {
            throw new IllegalArgumentException("row " + rowInTransaction + " of transaction " + sequence
                    + " exceeds the " + MAX_ROWS_PER_TRANSACTION + " rows a transaction may change under GTID versions");
        }
        return (sequence << ROW_BITS) | rowInTransaction;
    }
}
