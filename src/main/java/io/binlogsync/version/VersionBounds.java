package io.binlogsync.version;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.GtidPosition;
import io.binlogsync.event.MariadbGtids;

/**
 * Bounds of document versions at a point of the source's history (see {@link VersionScheme}): the version of rows
 * read in a consistent snapshot there, and the highest version the source can have written so far (which
 * {@code SourceDatabase.versionCeiling} asks the server for).
 */
public final class VersionBounds {
    private VersionBounds() {
    }

    /**
     * The version of documents made from rows read in a consistent snapshot at {@code at}: just below the version
     * of any change after it, and at or above that of every change before it. So a change the snapshot did not see
     * always wins over the copy, and a change it did see never overwrites it with older data.
     */
    public static long below(DocumentVersions versions, GtidPosition at) {
        if (versions == DocumentVersions.BINLOG_POSITION) {
            return VersionScheme.ofPosition(at.position()) - 1;
        }
        var byDomain = MariadbGtids.parse(at.gtid().orElseThrow(() -> new IllegalStateException("the source gave no"
                + " GTID state at " + at.position() + ", which GTID versions need (elasticsearch.versions = gtid)")));
        MariadbGtids.Gtid last = VersionRequirements.onlyDomain(byDomain, "GTID state at " + at.position() + " is "
                + at.gtid().get() + ": sequence numbers of several domains", " (and resync)");
        return ceilingOfSequence(last.sequence());
    }

    /**
     * The highest version a row of this binlog file (or an earlier one) can have; of the file at the end of binlog,
     * the highest a change the server has written so far can have under binlog-position versions.
     */
    public static long ceilingOfFile(BinlogPosition anywhereInFile) {
        return (anywhereInFile.fileSequence() << 32) | 0xFFFFFFFFL;
    }

    /**
     * The highest version a row of the transaction with this GTID sequence number (or an earlier one) can have; of
     * the server's highest sequence, the highest a change written so far can have under GTID versions.
     */
    public static long ceilingOfSequence(long sequence) {
        return (sequence << VersionScheme.ROW_BITS) | (VersionScheme.MAX_ROWS_PER_TRANSACTION - 1);
    }
}
