package io.binlogsync.version;

import io.binlogsync.event.BinlogPosition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionSchemeTest {

    @Test
    void laterRowsGetHigherPositionVersions() {
        long first = VersionScheme.ofPosition(new BinlogPosition("mysql-bin.000001", 1000));
        long nextEvent = VersionScheme.ofPosition(new BinlogPosition("mysql-bin.000001", 1200));
        long nextFile = VersionScheme.ofPosition(new BinlogPosition("mysql-bin.000002", 4));
        assertTrue(first + 1 < nextEvent && nextEvent < nextFile);
        assertTrue(nextEvent <= VersionBounds.ceilingOfFile(new BinlogPosition("mysql-bin.000001", 4)));
        assertTrue(nextFile > VersionBounds.ceilingOfFile(new BinlogPosition("mysql-bin.000001", 4)));
    }

    @Test
    void fileSequenceIsTheHighPart() {
        assertEquals((7L << 32) | 120, VersionScheme.ofPosition(new BinlogPosition("binlog.000007", 120)));
    }

    @Test
    void anOffsetBeyond32BitsIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> VersionScheme.ofPosition(new BinlogPosition("binlog.000001", 1L << 32)));
    }

    @Test
    void gtidVersionsGrowWithTheSequenceThenTheRow() {
        long lastRowOfFirst = VersionScheme.ofGtid(41, VersionScheme.MAX_ROWS_PER_TRANSACTION - 1);
        long firstRowOfNext = VersionScheme.ofGtid(42, 0);
        assertTrue(VersionScheme.ofGtid(41, 0) < VersionScheme.ofGtid(41, 1));
        assertTrue(lastRowOfFirst < firstRowOfNext);
        assertEquals(lastRowOfFirst, VersionBounds.ceilingOfSequence(41));
    }

    @Test
    void gtidVersionsOfHugeSequencesStayPositive() {
        long sequence = (1L << 39) - 1;
        assertTrue(VersionScheme.ofGtid(sequence, 0) > 0);
        assertThrows(IllegalArgumentException.class, () -> VersionScheme.ofGtid(sequence + 1, 0));
    }

    @Test
    void aTransactionBeyondTheRowBitsIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> VersionScheme.ofGtid(7, VersionScheme.MAX_ROWS_PER_TRANSACTION));
        assertTrue(error.getMessage().contains("16777216 rows"), error.getMessage());
    }
}
