package io.binlogsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.index.SearchServer.Flavour;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.HttpResult;
import io.binlogsync.testing.servers.SearchDistribution;
import io.binlogsync.testing.servers.LocalSearchServer;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import io.binlogsync.verify.Drift;
import io.binlogsync.verify.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The core behaviours through the real daemon, from the shared MariaDB, against each search server the rest of
 * the suite does not run on: Elasticsearch 7.17 and 9, OpenSearch 2 and 3. Each nested class starts its server once
 * (small: 512 MB of heap, one processor) and stops it after its tests, so one extra server is alive at a time.
 */
@ExtendWith(TestServersExtension.class)
class SearchServerCompatibilityIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\" } ]";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Planted drift is not lag: no daemon would clear it, so verify need not wait long to call it drift. */
    private static final Duration LAG_WAIT = Duration.ofSeconds(1);

    @Nested
    class Elasticsearch7 extends CoreBehaviours {
        Elasticsearch7() {
            super(Flavour.ELASTICSEARCH, "binlogsync.elasticsearch7.version");
        }
    }

    @Nested
    class Elasticsearch9 extends CoreBehaviours {
        Elasticsearch9() {
            super(Flavour.ELASTICSEARCH, "binlogsync.elasticsearch9.version");
        }
    }

    @Nested
    class OpenSearch2 extends CoreBehaviours {
        OpenSearch2() {
            super(Flavour.OPENSEARCH, "binlogsync.opensearch2.version");
        }
    }

    @Nested
    class OpenSearch3 extends CoreBehaviours {
        OpenSearch3() {
            super(Flavour.OPENSEARCH, "binlogsync.opensearch3.version");
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class CoreBehaviours {
        private final LocalSearchServer search;
        private SyncFixture fixture;
        private String table;
        private String index;

        CoreBehaviours(Flavour flavour, String versionProperty) {
            this.search = new LocalSearchServer(SearchDistribution.copied(flavour, versionProperty)).small();
        }

        @BeforeAll
        void startServer() {
            search.start();
        }

        @AfterAll
        void stopServer() {
            search.close();
        }

        @BeforeEach
        void setUp(TestServers servers) throws SQLException {
            var server = search.distribution().server();
            fixture = new SyncFixture(servers, search, "compat_" + server.flavour().name().substring(0, 2)
                    + server.major() + "_" + Long.toString(System.nanoTime(), 36));
            table = fixture.database() + ".items";
            index = fixture.index("items");
            fixture.createDatabase("CREATE TABLE " + table + " (id INT PRIMARY KEY, title VARCHAR(100),"
                    + " price DECIMAL(10,2), updated_at DATETIME(6))");
        }

        @AfterEach
        void tearDown() {
            fixture.close();
        }

        @Test
        void rowChangesArriveExactAndAReplayOfThemIsRefusedByTheirVersions() throws Exception {
            SyncConfig config = fixture.config(MAPPINGS);
            Daemon daemon = fixture.start(config);
            Checkpoint beforeChanges = daemon.acknowledged();
            fixture.sql("INSERT INTO " + table + " VALUES (1, 'Lamp', 19.90, '2024-05-06 07:08:09.123456'),"
                    + " (2, 'Desk', 120.00, NULL), (4, 'Gone', 0.01, NULL)");
            fixture.awaitDocument(index, "1", "title", "Lamp");
            JsonNode inserted = fixture.document(index, "1").orElseThrow();
            assertEquals("19.90", inserted.get("price").decimalValue().toPlainString());
            assertEquals("2024-05-06T07:08:09.123456", inserted.get("updated_at").asText());

            fixture.sql("UPDATE " + table + " SET title = 'Desk lamp', price = 21.50 WHERE id = 1",
                    "UPDATE " + table + " SET id = 3 WHERE id = 2",
                    "DELETE FROM " + table + " WHERE id = 4");
            fixture.awaitDocument(index, "1", "title", "Desk lamp");
            fixture.awaitDocument(index, "3", "title", "Desk");
            fixture.awaitNoDocument(index, "2");
            fixture.awaitNoDocument(index, "4");
            fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
            assertEquals("21.50", fixture.document(index, "1").orElseThrow().get("price").decimalValue().toPlainString());
            Map<String, JsonNode> synced = fixture.documents(index);
            assertEquals(Set.of("1", "3"), synced.keySet(), "the moved row's old id is gone, the deleted row too");
            Map<String, Long> versions = Map.of("1", fixture.version(index, "1"), "3", fixture.version(index, "3"));
            daemon.close();

            // every change read again, oldest first: the index refuses each as older than what it holds
            new StateFile(fixture.stateFile).save(new Checkpoint(beforeChanges.position(), Optional.empty(), Instant.now()));
            fixture.awaitCaughtUp(fixture.start(config), SyncFixture.DEADLINE);
            assertEquals(synced, fixture.documents(index), "the replay left an older document or revived a deleted one");
            assertEquals(versions, Map.of("1", fixture.version(index, "1"), "3", fixture.version(index, "3")));
        }

        @Test
        void truncateEmptiesTheIndexAndVerifyFindsNoDriftThenThePlantedOne() throws Exception {
            SyncConfig config = fixture.config(MAPPINGS);
            Daemon daemon = fixture.start(config);
            fixture.sql("INSERT INTO " + table + " SELECT seq, CONCAT('before ', seq), seq, NULL FROM " + numbers(40),
                    "TRUNCATE TABLE " + table,
                    "INSERT INTO " + table + " SELECT seq, CONCAT('after ', seq), seq / 4, NULL FROM " + numbers(25));
            fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
            assertEquals(25, fixture.documents(index).size(), "documents of the rows before the TRUNCATE remain");

            VerifyReport equal = SyncFixture.verify(config, LAG_WAIT);
            assertFalse(equal.hasDrift(), equal.summary());
            assertEquals(25, equal.mappings().get(0).rowsChecked(), equal.summary());

            ObjectNode tampered = (ObjectNode) fixture.document(index, "7").orElseThrow();
            tampered.put("title", "tampered");
            assertSucceeds(search.request("PUT", "/" + index + "/_doc/7", tampered.toString()));
            assertSucceeds(search.request("PUT", "/" + index + "/_doc/33", "{\"id\":33,\"title\":\"ghost\"}"));
            search.refresh(index);
            VerifyReport drift = SyncFixture.verify(config, LAG_WAIT);
            assertEquals(Set.of("7: differs in title", "33: extra (no row)"),
                    drift.samples().stream().map(Drift::toString).collect(Collectors.toSet()), drift.summary());
        }

        @Test
        void aResyncIntoANewIndexSwitchesTheAliasToIt() throws Exception {
            fixture.sql("INSERT INTO " + table + " SELECT seq, CONCAT('existing ', seq), seq, NULL FROM " + numbers(300));
            Path configFile = fixture.writeConfig(MAPPINGS);
            SyncConfig config = fixture.config(MAPPINGS);
            Daemon daemon = fixture.start(config);
            fixture.sql("INSERT INTO " + table + " VALUES (1000, 'streamed', 1, NULL)");
            fixture.awaitDocument(index, "1000", "title", "streamed");
            assertEquals(List.of(), aliasTargets(), index + " starts as a concrete index, not an alias");

            Path log = fixture.directory.resolve("resync.log");
            int exit = DaemonProcess.run(log, "resync", table, "--config", configFile.toString(), "--new-index");
            String output = Files.readString(log);
            assertEquals(0, exit, output);
            List<String> targets = aliasTargets();
            assertEquals(1, targets.size(), "the alias points to one index: " + targets + "\n" + output);
            assertNotEquals(index, targets.get(0));
            assertTrue(output.contains("alias " + index + " now points to " + targets.get(0)), output);

            fixture.sql("UPDATE " + table + " SET title = 'after the switch' WHERE id = 150");
            fixture.awaitDocument(index, "150", "title", "after the switch");
            fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
            VerifyReport report = SyncFixture.verify(config, LAG_WAIT);
            assertFalse(report.hasDrift(), report.summary());
            assertEquals(301, report.mappings().get(0).rowsChecked(), report.summary());
        }

        /** MariaDB's sequence table of the numbers 1 to {@code n}. */
        private String numbers(int n) {
            return fixture.database() + ".seq_1_to_" + n;
        }

        /** The indices {@code index} is an alias of; none while it is a concrete index. */
        private List<String> aliasTargets() throws Exception {
            HttpResult aliases = search.request("GET", "/_alias/" + index, null);
            List<String> indices = new ArrayList<>();
            if (aliases.status() != 404) {
                assertSucceeds(aliases);
                JSON.readTree(aliases.body()).fieldNames().forEachRemaining(indices::add);
            }
            return indices;
        }

        private void assertSucceeds(HttpResult result) {
            assertTrue(result.isSuccess(), search.distribution() + " answered " + result);
        }
    }
}
