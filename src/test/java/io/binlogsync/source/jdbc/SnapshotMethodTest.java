package io.binlogsync.source.jdbc;

import io.binlogsync.config.SnapshotConfig.Locking;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SnapshotMethodTest {

    @Test
    void mariadbsStatusVariablesNeedNoLock() {
        assertEquals(SnapshotMethod.STATUS_VARIABLES, SnapshotMethod.choose(
                Set.of("Binlog_snapshot_file", "Binlog_snapshot_position"), Locking.AUTO));
    }

    @Test
    void perconaServersStatusVariablesNeedNoLockEither() {
        assertEquals(SnapshotMethod.STATUS_VARIABLES, SnapshotMethod.choose(Set.of("Binlog_snapshot_file",
                "Binlog_snapshot_position", "Binlog_snapshot_gtid_executed"), Locking.AUTO));
    }

    @Test
    void mysqlWithoutThemTakesTheGlobalReadLock() {
        assertEquals(SnapshotMethod.GLOBAL_READ_LOCK, SnapshotMethod.choose(Set.of(), Locking.AUTO));
        assertEquals(SnapshotMethod.GLOBAL_READ_LOCK, SnapshotMethod.choose(Set.of("binlog_snapshot_file"),
                Locking.AUTO), "a position needs both variables");
    }

    @Test
    void theGlobalReadLockCanBeAskedForWhereItIsNotNeeded() {
        assertEquals(SnapshotMethod.GLOBAL_READ_LOCK, SnapshotMethod.choose(
                Set.of("binlog_snapshot_file", "binlog_snapshot_position"), Locking.GLOBAL_READ_LOCK));
    }
}
