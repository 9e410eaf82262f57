package io.binlogsync.mapping;

import io.binlogsync.event.BinlogPosition;

/**
 * Elasticsearch external versions derived from where a row lies in the binlog: the file's sequence number in the
 * high 31 bits, the event's offset plus the row's index in the low 32. Rows later in the binlog always get higher
 * versions, so a replayed older change can never overwrite a newer document. The sum fits in 32 bits because a
 * binlog offset is a 32-bit field and each row of an event takes at least one byte of it.
 */
public final class VersionScheme {
    private VersionScheme() {
    }

    /** The highest version any row of this binlog file (or an earlier one) can have. */
    public static long ceilingOf(BinlogPosition anywhereInFile) {
        return (anywhereInFile.fileSequence() << 32) | 0xFFFFFFFFL;
    }

    public static long versionOf(BinlogPosition eventPosition, int rowIndex) {
        long low = eventPosition.offset() + rowIndex;
        if (low >= 1L << 32) {
            throw new IllegalArgumentException("binlog offset " + low + " of " + eventPosition + " exceeds 32 bits");
        }
        return (eventPosition.fileSequence() << 32) | low;
    }
}
