package io.binlogsync.source.jdbc;

import io.binlogsync.source.GtidPosition;
import io.binlogsync.source.MariadbGtids;
import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.VersionScheme;

/**
 * Bounds of document versions at a point of the source's history (see {@link VersionScheme}): the version of rows
 * read in a consistent snapshot there, and the highest version the source can have written so far.
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
        if (byDomain.size() != 1) {
            throw new IllegalStateException("elasticsearch.versions = gtid needs one replication domain, but the GTID"
                    + " state at " + at.position() + " is " + at.gtid().get() + ": sequence numbers of several domains"
                    + " do not order changes. Set elasticsearch.versions = binlog-position (and resync)");
        }
        return VersionScheme.ceilingOfSequence(byDomain.values().iterator().next().sequence());
    }

    /** The highest version a change the server has written so far can have: what a document may hold already. */
    public static long ceiling(SourceDatabase database, DocumentVersions versions) throws java.sql.SQLException {
        return versions == DocumentVersions.GTID
                ? VersionScheme.ceilingOfSequence(database.highestGtidSequence())
                : VersionScheme.ceilingOfFile(database.currentPosition());
    }
}
