package io.binlogsync.it;

import io.binlogsync.config.SyncConfig;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binlog files turning over under the daemon, and a saved position whose file is gone. */
@ExtendWith(TestServersExtension.class)
class BinlogFilesIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\" } ]";

    private SyncFixture fixture;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "files_" + Long.toString(System.nanoTime(), 36));
        fixture.createDatabase();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void rotationsUnderAStreamOfWritesLoseNothing() throws Exception {
        long seed = System.nanoTime();
        Workload workload = new Workload(fixture.mariadb(), fixture.database(), seed, 2);
        String before = fixture.currentPosition().file();
        fixture.sql("SET GLOBAL max_binlog_size = 4096");
        try {
            Daemon daemon = fixture.start(fixture.config(MAPPINGS));
            workload.start();
            for (int i = 0; i < 30; i++) {
                Thread.sleep(100);
                fixture.sql("FLUSH BINARY LOGS");
            }
            workload.close();
            fixture.awaitCaughtUp(daemon, Duration.ofSeconds(90));
        } finally {
            fixture.sql("SET GLOBAL max_binlog_size = 1073741824");
        }
        String after = fixture.currentPosition().file();
        assertTrue(Long.parseLong(after.substring(after.lastIndexOf('.') + 1))
                - Long.parseLong(before.substring(before.lastIndexOf('.') + 1)) >= 30, before + " .. " + after);
        List<String> differences = fixture.itemsDifferences();
        assertTrue(differences.isEmpty(), "seed " + seed + ": " + differences);
    }

    @Test
    void aSavedPositionWhoseFileWasPurgedRefusesToStartAndSaysWhatToDo() throws Exception {
        fixture.sql("CREATE TABLE " + fixture.database() + ".items (id INT PRIMARY KEY)");
        SyncConfig config = fixture.config(MAPPINGS);
        Daemon first = fixture.start(config);
        String saved = first.acknowledged().position().file();
        first.close();
        fixture.sql("FLUSH BINARY LOGS");
        String current = fixture.currentPosition().file();
        // the server keeps a file a dump thread still reads; the closed daemon's thread ends once it notices
        io.binlogsync.testing.Poll.until(Duration.ofSeconds(30), saved + " purged", () -> {
            try {
                fixture.sql("PURGE BINARY LOGS TO '" + current + "'");
                return fixture.mariadb().query("SHOW BINARY LOGS").stream().noneMatch(row -> saved.equals(row.get("Log_name")));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> fixture.start(config));
        for (String expected : List.of(saved, current, "no longer has", "resync")) {
            assertTrue(refused.getMessage().contains(expected), "'" + expected + "' missing in: " + refused.getMessage());
        }
    }
}
