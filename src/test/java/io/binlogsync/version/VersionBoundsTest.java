package io.binlogsync.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.GtidPosition;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class VersionBoundsTest {
    private static final BinlogPosition AT = new BinlogPosition("mysql-bin.000003", 500);

    @Test
    void aSnapshotAtAPositionIsJustBelowTheChangesAfterIt() {
        long below = VersionBounds.below(DocumentVersions.BINLOG_POSITION, new GtidPosition(AT, Optional.empty()));

        assertEquals(VersionScheme.ofPosition(AT) - 1, below);
    }

    @Test
    void aSnapshotAtAGtidIsAboveEveryRowOfThatTransactionAndBelowTheNext() {
        long below = VersionBounds.below(DocumentVersions.GTID, new GtidPosition(AT, Optional.of("0-1-41")));

        assertTrue(below >= VersionScheme.ofGtid(41, VersionScheme.MAX_ROWS_PER_TRANSACTION - 1));
        assertTrue(below < VersionScheme.ofGtid(42, 0));
    }

    @Test
    void gtidBoundsNeedOneDomain() {
        IllegalStateException several = assertThrows(IllegalStateException.class, () -> VersionBounds.below(
                DocumentVersions.GTID, new GtidPosition(AT, Optional.of("0-1-41,1-1-7"))));
        assertTrue(several.getMessage().contains("needs one replication domain"), several.getMessage());
        assertEquals("elasticsearch.versions = gtid needs one replication domain, but the GTID state at " + AT
                + " is 0-1-41,1-1-7: sequence numbers of several domains do not order changes. Set"
                + " elasticsearch.versions = binlog-position (and resync)", several.getMessage());
        assertThrows(IllegalStateException.class,
                () -> VersionBounds.below(DocumentVersions.GTID, new GtidPosition(AT, Optional.empty())));
    }
}
