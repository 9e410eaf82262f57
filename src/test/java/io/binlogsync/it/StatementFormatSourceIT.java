package io.binlogsync.it;

import io.binlogsync.testing.servers.MariaDbServer;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A source whose binlog holds statements, not rows ({@code binlog_format=STATEMENT}): {@code check} fails on that
 * one setting, naming the fix, and {@code run} refuses to start rather than follow a binlog it cannot read.
 */
@ExtendWith(TestServersExtension.class)
class StatementFormatSourceIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\" } ]";
    private static final String FAIL_LINE = "FAIL source: binlog_format is STATEMENT";

    private static MariaDbServer server;
    private SyncFixture fixture;

    @BeforeAll
    static void startServer() {
        server = new MariaDbServer("--binlog-format=STATEMENT").start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, server, "stmt_" + Long.toString(System.nanoTime(), 36));
        String db = fixture.database();
        fixture.sql("CREATE DATABASE " + db, "CREATE TABLE " + db + ".items (id INT PRIMARY KEY, title VARCHAR(64))");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private Path config() throws Exception {
        return Files.writeString(fixture.directory.resolve("statement.conf"), fixture.hocon(MAPPINGS));
    }

    @Test
    void checkFailsOnTheBinlogFormatAndNamesTheFix() throws Exception {
        Path log = fixture.directory.resolve("check.log");
        int exit = DaemonProcess.run(log, "check", "--config", config().toString());
        String output = Files.readString(log);

        assertEquals(1, exit, output);
        String line = output.lines().filter(l -> l.startsWith(FAIL_LINE)).findFirst().orElse("");
        assertTrue(line.contains("binlog_format=ROW"), "the FAIL line names the fix:\n" + output);
        assertEquals(1, output.lines().filter(l -> l.startsWith("FAIL")).count(),
                "only binlog_format is wrong on this server:\n" + output);
        assertTrue(output.contains("OK   source: binlog_row_image is FULL"), output);
    }

    @Test
    void runRefusesToStartAndSavesNoPosition() throws Exception {
        Path log = fixture.directory.resolve("run.log");
        int exit = DaemonProcess.run(log, "run", "--config", config().toString());
        String output = Files.readString(log);

        assertEquals(1, exit, output);
        assertTrue(output.contains("binlog_format") && output.contains("binlog_format=ROW"), output);
        assertFalse(Files.exists(fixture.stateFile), "no position saved for a binlog that was never read");
    }
}
