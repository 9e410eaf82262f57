package io.binlogsync.it;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.source.jdbc.ConsistentReads;
import io.binlogsync.source.jdbc.SnapshotMethod;
import io.binlogsync.source.jdbc.SourceDatabase;
import io.binlogsync.testing.servers.MySqlContainerServer;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import io.binlogsync.verify.VerifyReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The initial snapshot and a resync against MySQL 8 (no {@code binlog_snapshot_position}: the global read lock
 * path), under a writer, each ending equal to the table; in a container. Disabled, and so skipped, where no Docker
 * engine answers.
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(TestServersExtension.class)
class MySqlSnapshotIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\" } ]";
    private static final int ROWS = 30_000;
    private static MySqlContainerServer mysql;

    private SyncFixture fixture;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        synchronized (MySqlSnapshotIT.class) {
            if (mysql == null) {
                mysql = new MySqlContainerServer().start();
            }
        }
        fixture = new SyncFixture(servers, mysql, "mysnap_" + Long.toString(System.nanoTime(), 36));
        fixture.sql("CREATE DATABASE " + fixture.database());
        // MySQL has no binlog_snapshot_position: its snapshots take FLUSH TABLES WITH READ LOCK, which needs RELOAD
        fixture.grantReload();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @AfterAll
    static void stopMysql() {
        if (mysql != null) {
            mysql.close();
            mysql = null;
        }
    }

    /** MySQL has no sequence engine: rows in statements of 1,000. */
    private void fill(int rows) throws SQLException {
        for (int first = 1; first <= rows; first += 1000) {
            StringBuilder sql = new StringBuilder("INSERT INTO " + fixture.database() + ".items VALUES ");
            for (int id = first; id < first + 1000 && id <= rows; id++) {
                sql.append(id == first ? "" : ",").append('(').append(id).append(',').append(id % 1000)
                        .append(",'title ").append(id).append("')");
            }
            fixture.sql(sql.toString());
        }
    }

    @Test
    void aSnapshotAndAResyncUnderAWriterEndEqualToTheTable() throws Exception {
        long seed = System.nanoTime();
        Workload workload = new Workload(mysql, fixture.database(), seed, 1);
        fill(ROWS);
        String hocon = fixture.hocon(MAPPINGS) + "snapshot { mode = initial, chunk-size = 1000 }\n";
        Path configFile = fixture.directory.resolve("mysql.conf");
        Files.writeString(configFile, hocon);
        SyncConfig config = ConfigLoader.parse(hocon, "mysql.conf", Map.of());
        try (ConsistentReads reads = new ConsistentReads(new SourceDatabase(config.source()), config.snapshot())) {
            assertEquals(SnapshotMethod.GLOBAL_READ_LOCK, reads.method());
            assertTrue(reads.read(connection -> null, true).at().gtid().isPresent(), "gtid_mode=ON: the executed set");
        }

        workload.start();
        Daemon daemon = fixture.start(config);
        assertTrue(workload.changes() > 0, "the writer ran during the snapshot");
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(120));
        VerifyReport afterSnapshot = SyncFixture.verify(config);
        assertFalse(afterSnapshot.hasDrift(), "seed " + seed + ", after the snapshot: " + afterSnapshot.summary());

        Path resyncLog = fixture.directory.resolve("resync.log");
        assertEquals(0, DaemonProcess.run(resyncLog, "resync", fixture.database() + ".items", "--config",
                configFile.toString()), Files.readString(resyncLog));
        workload.close();
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(120));
        VerifyReport report = SyncFixture.verify(config);
        assertFalse(report.hasDrift(), "seed " + seed + ", after the resync: " + report.summary());
        long tableRows = ((Number) mysql.query("SELECT COUNT(*) AS n FROM " + fixture.database() + ".items").get(0)
                .get("n")).longValue();
        assertEquals(tableRows, report.mappings().get(0).rowsChecked(), report.summary());
    }
}
