package io.binlogsync.mapping;

import io.binlogsync.event.BinlogPosition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionSchemeTest {

    @Test
    void laterRowsGetHigherVersions() {
        long first = VersionScheme.versionOf(new BinlogPosition("mysql-bin.000001", 1000), 0);
        long second = VersionScheme.versionOf(new BinlogPosition("mysql-bin.000001", 1000), 1);
        long nextEvent = VersionScheme.versionOf(new BinlogPosition("mysql-bin.000001", 1200), 0);
        long nextFile = VersionScheme.versionOf(new BinlogPosition("mysql-bin.000002", 4), 0);
        assertTrue(first < second && second < nextEvent && nextEvent < nextFile);
    }

    @Test
    void fileSequenceIsTheHighPart() {
        assertEquals((7L << 32) | 123, VersionScheme.versionOf(new BinlogPosition("binlog.000007", 120), 3));
    }

    @Test
    void anOffsetBeyond32BitsIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> VersionScheme.versionOf(new BinlogPosition("binlog.000001", (1L << 32) - 1), 1));
    }
}
