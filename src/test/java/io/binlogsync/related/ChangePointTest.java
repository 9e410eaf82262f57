package io.binlogsync.related;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.GtidPosition;
import io.binlogsync.version.VersionScheme;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a consistent snapshot holds the change a rebuild is for. */
class ChangePointTest {
    /** Where the change was read: the old primary's binlog, files ahead of the promoted replica's. */
    private static final BinlogPosition ON_OLD_PRIMARY = new BinlogPosition("mysql-bin.000009", 5000);

    private static GtidPosition snapshot(String file, long offset, String gtid) {
        return new GtidPosition(new BinlogPosition(file, offset), Optional.ofNullable(gtid));
    }

    @Test
    void withGtidVersionsTheChangesGtidSequenceDecidesOnAnyServerWhateverItsPositions() {
        ChangePoint change = ChangePoint.of(DocumentVersions.GTID, ON_OLD_PRIMARY, VersionScheme.ofGtid(57, 3));
        assertEquals(new ChangePoint.GtidSequence(57, ON_OLD_PRIMARY), change);
        // the promoted replica's binlog is at file 1: its positions are "before" the change's, its GTIDs are not
        assertTrue(change.heldBy(snapshot("mysql-bin.000001", 300, "0-2-57")), "the change's own transaction");
        assertTrue(change.heldBy(snapshot("mysql-bin.000001", 900, "0-2-80")), "a later one");
        assertFalse(change.heldBy(snapshot("mysql-bin.000001", 200, "0-1-56")), "the one before it");
        // and on the old server a position past the change's is not enough without the GTID
        assertFalse(change.heldBy(snapshot("mysql-bin.000010", 4, "0-1-56")));
    }

    @Test
    void aGtidSequenceIsComparedInTheOneDomainOfGtidVersions() {
        ChangePoint change = new ChangePoint.GtidSequence(57, ON_OLD_PRIMARY);
        assertTrue(change.heldBy(snapshot("mysql-bin.000001", 300, "3-2-60")));
        assertThrows(IllegalStateException.class, () -> change.heldBy(snapshot("mysql-bin.000001", 300,
                "0-1-60,1-2-5")), "two domains' sequence numbers do not order changes");
        assertThrows(IllegalStateException.class, () -> change.heldBy(snapshot("mysql-bin.000001", 300, null)),
                "a snapshot without its GTID state");
    }

    @Test
    void withBinlogPositionVersionsASnapshotPastTheChangesPositionHoldsIt() {
        ChangePoint change = ChangePoint.of(DocumentVersions.BINLOG_POSITION, ON_OLD_PRIMARY, 1234);
        assertEquals(new ChangePoint.Position(ON_OLD_PRIMARY), change);
        assertTrue(change.heldBy(snapshot("mysql-bin.000009", 5001, null)));
        assertTrue(change.heldBy(snapshot("mysql-bin.000010", 4, null)));
        assertFalse(change.heldBy(snapshot("mysql-bin.000009", 5000, null)), "at the change is before its commit");
        assertFalse(change.heldBy(snapshot("mysql-bin.000008", 90000, null)));
    }

    @Test
    void aGtidStateIsHeldWhenEachOfItsDomainsIsReached() {
        ChangePoint resumed = new ChangePoint.GtidState("0-1-500,1-1-7");
        assertTrue(resumed.heldBy(snapshot("mysql-bin.000001", 4, "0-2-500,1-1-7")));
        assertTrue(resumed.heldBy(snapshot("mysql-bin.000001", 4, "0-2-600,1-3-9,2-1-1")));
        assertFalse(resumed.heldBy(snapshot("mysql-bin.000001", 4, "0-2-499,1-1-7")));
        assertFalse(resumed.heldBy(snapshot("mysql-bin.000001", 4, "0-2-600")), "a domain missing");
        assertFalse(resumed.heldBy(snapshot("mysql-bin.000001", 4, null)));
        assertTrue(new ChangePoint.GtidState("").heldBy(snapshot("mysql-bin.000001", 4, "")),
                "a daemon that started before the first transaction waits for nothing");
        assertThrows(IllegalArgumentException.class, () -> new ChangePoint.GtidState("3E11FA47-71CA:1-5"));
    }

    @Test
    void errorsNameTheGtidAndWhereTheChangeWasRead() {
        String text = new ChangePoint.GtidSequence(57, ON_OLD_PRIMARY).describe();
        assertTrue(text.contains("GTID sequence number 57") && text.contains("mysql-bin.000009:5000"), text);
    }
}
