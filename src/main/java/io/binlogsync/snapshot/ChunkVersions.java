package io.binlogsync.snapshot;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.VersionScheme;
import io.binlogsync.source.GtidPosition;
import io.binlogsync.source.MariadbGtids;

/**
 * The version of documents made from rows read in a consistent snapshot at a binlog position: just below the
 * version of any change after that position, and at or above that of every change before it. So a change the
 * snapshot did not see always wins over the copy, and a change it did see never overwrites it with older data.
 */
public final class ChunkVersions {
    private ChunkVersions() {
    }

    public static long below(DocumentVersions versions, GtidPosition at) {
        if (versions == DocumentVersions.BINLOG_POSITION) {
            return VersionScheme.ofPosition(at.position()) - 1;
        }
        long sequence = at.gtid().map(MariadbGtids::parse).map(byDomain -> byDomain.values().stream()
                .mapToLong(MariadbGtids.Gtid::sequence).max().orElse(0)).orElse(0L);
        return VersionScheme.ceilingOfSequence(sequence);
    }
}
