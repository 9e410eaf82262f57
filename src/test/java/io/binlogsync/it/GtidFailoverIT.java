package io.binlogsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.servers.MariaDbReplication;
import io.binlogsync.testing.servers.MariaDbServer;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A failover: two private MariaDB servers, the second replicating the first by GTID (gtid_strict_mode, its own
 * binlog with log_slave_updates). The first server's binlog is a few files ahead, so file names and offsets differ
 * between the two. The daemon follows the first, is stopped, the replica is promoted and written to, and the daemon
 * restarted against it must resume by GTID, lose nothing, and keep document versions growing.
 */
@ExtendWith(TestServersExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GtidFailoverIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\" } ]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MariaDbReplication replication;
    private static MariaDbServer primary;
    private static MariaDbServer replica;

    @BeforeAll
    static void startPrimaryAndReplica() throws SQLException {
        replication = MariaDbReplication.start();
        primary = replication.primary();
        replica = replication.replica();
    }

    @AfterAll
    static void stopServers() {
        if (replication != null) {
            replication.close();
        }
    }

    private static SyncConfig parse(SyncFixture fixture, String hocon) {
        return ConfigLoader.parse(hocon, fixture.name + ".conf", Map.of());
    }

    @Test
    @Order(1)
    void withBinlogPositionVersionsTheDaemonRefusesAnotherServerAndSaysWhatToDo(TestServers servers) throws Exception {
        try (SyncFixture fixture = new SyncFixture(servers, replica, "gtid_refuse_" + Long.toString(System.nanoTime(), 36))) {
            // the daemon reads the primary first, then the replica: the account is made where it replicates from
            fixture.createUserOn(primary);
            primary.execute("CREATE DATABASE " + fixture.database(),
                    "CREATE TABLE " + fixture.database() + ".items (id INT PRIMARY KEY, v INT)");
            Daemon onPrimary = fixture.start(parse(fixture, replication.onPrimary(fixture.hocon(MAPPINGS))));
            primary.execute("INSERT INTO " + fixture.database() + ".items VALUES (1, 1)");
            fixture.awaitDocument(fixture.index("items"), "1", "v", "1");
            onPrimary.close();
            replication.awaitReplicaCaughtUp();
            String savedState = Files.readString(fixture.stateFile);

            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> fixture.start(fixture.config(MAPPINGS)));

            for (String expected : List.of("server-id 1", "server-id 2", "binlog-position",
                    "elasticsearch.versions = gtid", "Resync")) {
                assertTrue(refused.getMessage().contains(expected), "'" + expected + "' missing in: "
                        + refused.getMessage());
            }
            assertEquals(savedState, Files.readString(fixture.stateFile), "the state file is left as it was");
        }
    }

    @Test
    @Order(2)
    void withGtidVersionsAPromotedReplicaIsFollowedByGtidAndVersionsKeepGrowing(TestServers servers)
            throws Exception {
        try (SyncFixture fixture = new SyncFixture(servers, replica, "gtid_failover_" + Long.toString(System.nanoTime(), 36))) {
            // the daemon reads the primary first, then the replica: the account is made where it replicates from
            fixture.createUserOn(primary);
            String table = fixture.database() + ".items";
            String hocon = fixture.hocon(MAPPINGS) + "elasticsearch.versions = gtid\n";
            primary.execute("CREATE DATABASE " + fixture.database(),
                    "CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT)");
            Daemon onPrimary = fixture.start(parse(fixture, replication.onPrimary(hocon)));
            for (int id = 1; id <= 40; id++) {
                primary.execute("INSERT INTO " + table + " VALUES (" + id + ", 0)");
            }
            primary.execute("UPDATE " + table + " SET v = 1 WHERE id <= 20");
            fixture.awaitDocument(fixture.index("items"), "20", "v", "1");
            // the version read below must be the update's: wait for row 7's own, not only for row 20's
            fixture.awaitDocument(fixture.index("items"), "7", "v", "1");
            String primaryFile = onPrimary.acknowledged().position().file();
            long versionOnPrimary = fixture.version(fixture.index("items"), "7");
            onPrimary.close();

            // changes the stopped daemon has not seen, made on the primary and replicated
            primary.execute("UPDATE " + table + " SET v = 2 WHERE id <= 10", "DELETE FROM " + table + " WHERE id > 35");
            replication.awaitReplicaCaughtUp();
            // the failover: the primary goes away, the replica becomes the primary and takes writes
            primary.stop();
            replication.promoteReplica();
            replica.execute("UPDATE " + table + " SET v = 3 WHERE id <= 5", "DELETE FROM " + table + " WHERE id = 30",
                    "INSERT INTO " + table + " VALUES (41, 3), (42, 3)");
            String replicaFile = fixture.currentPosition().file();
            assertNotEquals(primaryFile, replicaFile, "the two servers' binlog files differ");

            Daemon onReplica = fixture.start(parse(fixture, hocon));
            fixture.awaitCaughtUp(onReplica, Duration.ofSeconds(60));
            replica.execute("UPDATE " + table + " SET v = 4 WHERE id = 7");
            fixture.awaitDocument(fixture.index("items"), "7", "v", "4");
            fixture.awaitCaughtUp(onReplica, Duration.ofSeconds(60));

            List<String> differences = TableComparison.differences(replica.query("SELECT id, v FROM " + table), "id",
                    fixture.documents(fixture.index("items")));
            assertTrue(differences.isEmpty(), differences.toString());
            assertTrue(fixture.version(fixture.index("items"), "7") > versionOnPrimary,
                    "versions written from the promoted replica exceed those from the primary");
            JsonNode state = JSON.readTree(Files.readString(fixture.stateFile));
            assertEquals(replicaFile, state.path("binlog").path("file").asText(), state.toString());
            assertEquals(2, state.path("source").path("server-id").asLong(), state.toString());
            assertEquals("gtid", state.path("source").path("versions").asText(), state.toString());
            assertTrue(state.path("gtid").asText().startsWith("0-2-"), state.toString());
        }
    }
}
