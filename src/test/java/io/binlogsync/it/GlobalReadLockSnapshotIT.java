package io.binlogsync.it;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SnapshotConfig;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.source.jdbc.ConsistentReads;
import io.binlogsync.source.jdbc.SnapshotMethod;
import io.binlogsync.source.jdbc.SourceDatabase;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import io.binlogsync.verify.VerifyReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MySQL's way to a consistent snapshot's position ({@code FLUSH TABLES WITH READ LOCK}, the snapshot,
 * {@code SHOW MASTER STATUS}, {@code UNLOCK TABLES}), forced on the private MariaDB with
 * {@code snapshot.locking = global-read-lock}: MariaDB runs the same statements, so the initial snapshot and a
 * resync under a writer must end equal to the table through that path too; and its failures (no RELOAD, a lock
 * that cannot be had) say what to do.
 */
@ExtendWith(TestServersExtension.class)
class GlobalReadLockSnapshotIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\" } ]";
    private static final String LOCKED = "snapshot { locking = global-read-lock, lock-wait-timeout = 2s }\n";
    private static final int ROWS = 50_000;

    private SyncFixture fixture;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "grl_" + Long.toString(System.nanoTime(), 36));
        fixture.sql("CREATE DATABASE " + fixture.database());
        // the global read lock is FLUSH TABLES WITH READ LOCK: the one path that needs RELOAD
        fixture.grantReload();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private long tableRows() throws SQLException {
        return ((Number) fixture.source.query("SELECT COUNT(*) AS n FROM " + fixture.database() + ".items").get(0)
                .get("n")).longValue();
    }

    @Test
    void aSnapshotAndAResyncUnderTheLockAndAWriterEndEqualToTheTable() throws Exception {
        long seed = System.nanoTime();
        Workload workload = new Workload(fixture.mariadb(), fixture.database(), seed, 1);
        fixture.sql("INSERT INTO " + fixture.database() + ".items SELECT seq, seq % 1000, CONCAT('title ', seq)"
                + " FROM " + fixture.database() + ".seq_1_to_" + ROWS);
        String hocon = fixture.hocon(MAPPINGS) + LOCKED + "snapshot { mode = initial, chunk-size = 1000 }\n";
        Path configFile = fixture.directory.resolve("grl.conf");
        Files.writeString(configFile, hocon);
        SyncConfig config = ConfigLoader.parse(hocon, "grl.conf", Map.of());
        try (ConsistentReads reads = new ConsistentReads(new SourceDatabase(config.source()), config.snapshot())) {
            assertEquals(SnapshotMethod.GLOBAL_READ_LOCK, reads.method());
        }

        workload.start();
        Daemon daemon = fixture.start(config);
        int changesDuringSnapshot = workload.changes();
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(120));
        VerifyReport afterSnapshot = SyncFixture.verify(config);
        assertFalse(afterSnapshot.hasDrift(), "seed " + seed + ", after the snapshot: " + afterSnapshot.summary());
        assertTrue(changesDuringSnapshot > 0, "the writer ran during the snapshot");

        // the index is right; a resync under the writer rewrites every row through the same locked snapshots
        Path resyncLog = fixture.directory.resolve("resync.log");
        int before = workload.changes();
        assertEquals(0, DaemonProcess.run(resyncLog, "resync", fixture.database() + ".items", "--config",
                configFile.toString()), Files.readString(resyncLog));
        assertTrue(workload.changes() > before, "the writer ran during the resync");
        int afterResync = workload.changes();
        Poll.until(Duration.ofSeconds(30), "the writer to change rows after the resync",
                () -> workload.changes() > afterResync + 50);
        workload.close();
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(120));

        VerifyReport report = SyncFixture.verify(config);
        assertFalse(report.hasDrift(), "seed " + seed + ", after the resync: " + report.summary());
        assertEquals(tableRows(), report.mappings().get(0).rowsChecked(), report.summary());
    }

    @Test
    void withoutReloadTheReadAndTheCheckSayWhatToGrant() throws Exception {
        String user = "noreload_" + Long.toString(System.nanoTime(), 36);
        fixture.sql("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'",
                "GRANT SELECT, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + user + "'@'%'");
        try {
            fixture.sql("CREATE TABLE " + fixture.database() + ".items (id INT PRIMARY KEY, v INT, title VARCHAR(64))");
            String hocon = fixture.hocon(MAPPINGS).replace("user = \"" + fixture.user + "\"",
                    "user = \"" + user + "\"").replace("password = \"" + fixture.password + "\"",
                    "password = \"pw\"") + LOCKED + "snapshot.mode = initial\n";
            SyncConfig config = ConfigLoader.parse(hocon, "noreload.conf", Map.of());
            assertEquals(user, config.source().user());

            SQLException refused = assertThrows(SQLException.class, () -> {
                try (ConsistentReads reads = new ConsistentReads(new SourceDatabase(config.source()),
                        config.snapshot())) {
                    reads.read(connection -> null, false);
                }
            });
            assertTrue(refused.getMessage().contains("GRANT RELOAD ON *.*")
                    && refused.getMessage().contains("snapshot.mode = never"), refused.getMessage());

            Path configFile = fixture.directory.resolve("noreload.conf");
            Files.writeString(configFile, hocon);
            Path log = fixture.directory.resolve("check.log");
            assertEquals(1, DaemonProcess.run(log, "check", "--config", configFile.toString()), Files.readString(log));
            String output = Files.readString(log);
            assertTrue(output.contains("FAIL snapshot: ") && output.contains("GRANT RELOAD ON *.*"), output);
        } finally {
            fixture.sql("DROP USER '" + user + "'@'%'");
        }
    }

    @Test
    void aLockThatCannotBeHadGivesUpAfterTheWaitAndSaysWhy() throws Exception {
        String table = fixture.database() + ".items";
        fixture.sql("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT, title VARCHAR(64))");
        SyncConfig config = ConfigLoader.parse(fixture.hocon(MAPPINGS) + LOCKED, "wait.conf", Map.of());
        assertEquals(SnapshotConfig.Locking.GLOBAL_READ_LOCK, config.snapshot().locking());
        try (Connection holder = fixture.source.adminConnection(); Statement statement = holder.createStatement()) {
            statement.execute("LOCK TABLES " + table + " WRITE");
            long started = System.nanoTime();
            SQLException timedOut = assertThrows(SQLException.class, () -> {
                try (ConsistentReads reads = new ConsistentReads(new SourceDatabase(config.source()),
                        config.snapshot())) {
                    reads.read(connection -> null, false);
                }
            });
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(timedOut.getMessage().contains("waited 2 s (snapshot.lock-wait-timeout)")
                    && timedOut.getMessage().contains("SHOW PROCESSLIST"), timedOut.getMessage());
            assertTrue(waitedMillis >= 1_900 && waitedMillis < 15_000, "waited " + waitedMillis + " ms");
            statement.execute("UNLOCK TABLES");
        }
        // and once the table is free, the lock is had at once
        try (ConsistentReads reads = new ConsistentReads(new SourceDatabase(config.source()), config.snapshot())) {
            assertTrue(reads.read(connection -> null, true).at().gtid().isPresent(), "MariaDB's GTID state there");
        }
    }
}
