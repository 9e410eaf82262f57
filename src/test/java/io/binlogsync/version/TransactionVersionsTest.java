package io.binlogsync.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.MariadbGtids;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TransactionVersionsTest {
    private static final BinlogPosition AT = new BinlogPosition("mysql-bin.000003", 500);

    @Test
    void binlogPositionVersionsAreThePositionsWhateverTheTransaction() {
        TransactionVersions versions = new TransactionVersions(DocumentVersions.BINLOG_POSITION, Map.of());

        assertEquals(VersionScheme.ofPosition(AT), versions.next(AT, null, 3));
        assertEquals(VersionScheme.ofPosition(AT), versions.next(AT, new MariadbGtids.Gtid(0, 1, 9), 3));
    }

    @Test
    void gtidVersionsNumberTheRowsOfATransactionInOrder() {
        TransactionVersions versions = new TransactionVersions(DocumentVersions.GTID, Map.of());
        MariadbGtids.Gtid gtid = new MariadbGtids.Gtid(0, 1, 42);

        assertEquals(VersionScheme.ofGtid(42, 0), versions.next(AT, gtid, 3));
        assertEquals(VersionScheme.ofGtid(42, 3), versions.next(AT, gtid, 1));
        versions.newTransaction();
        assertEquals(VersionScheme.ofGtid(43, 0), versions.next(AT, new MariadbGtids.Gtid(0, 1, 43), 2));
    }

    @Test
    void gtidVersionsNeedAGtidAndOneDomain() {
        TransactionVersions versions = new TransactionVersions(DocumentVersions.GTID, Map.of());
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> versions.next(AT, null, 1));
        assertTrue(none.getMessage().contains("has no MariaDB GTID"), none.getMessage());

        versions.next(AT, new MariadbGtids.Gtid(0, 1, 42), 1);
        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> versions.next(AT, new MariadbGtids.Gtid(1, 1, 43), 1));
        assertTrue(other.getMessage().contains("replication domain 1 while earlier ones were in domain 0"),
                other.getMessage());
    }

    @Test
    void theOnlyDomainOfTheStartPositionIsTheDomain() {
        TransactionVersions versions = new TransactionVersions(DocumentVersions.GTID, MariadbGtids.parse("2-1-40"));

        assertThrows(IllegalStateException.class, () -> versions.next(AT, new MariadbGtids.Gtid(0, 1, 42), 1));
        assertEquals(VersionScheme.ofGtid(41, 0), versions.next(AT, new MariadbGtids.Gtid(2, 1, 41), 1));
    }

    @Test
    void aTransactionTooLargeForItsRowBitsIsRefusedBeforeItsFirstRow() {
        TransactionVersions versions = new TransactionVersions(DocumentVersions.GTID, Map.of());

        assertThrows(IllegalArgumentException.class, () -> versions.next(AT, new MariadbGtids.Gtid(0, 1, 7),
                (int) VersionScheme.MAX_ROWS_PER_TRANSACTION + 1));
    }
}
