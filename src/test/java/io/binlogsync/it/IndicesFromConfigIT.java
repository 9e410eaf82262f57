package io.binlogsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.index.ConfiguredIndices.IndexConflictException;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.HttpResult;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A mapping's {@code index-settings} and {@code index-mappings}: start creates the missing index from them, {@code
 * resync --new-index} builds the new index from them, an existing index typed otherwise is refused at start and
 * reported by {@code check}; and check's warnings for columns that dynamic mapping would type wrongly.
 */
@ExtendWith(TestServersExtension.class)
class IndicesFromConfigIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIGURED = """
            [ { table = "{db}.items", index = "{index}items"
                index-settings { number_of_replicas = 0 }
                index-mappings { properties { price { type = double }, views { type = keyword },
                                              title { type = keyword } } } } ]
            """;
    private static final String PLAIN = "[ { table = \"{db}.items\", index = \"{index}items\" } ]";

    private SyncFixture fixture;
    private String index;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, "indices_" + Long.toString(System.nanoTime(), 36));
        index = fixture.index("items");
        fixture.sql("CREATE DATABASE " + fixture.database(), "CREATE TABLE " + fixture.database() + ".items (id INT"
                + " PRIMARY KEY, price DOUBLE, views BIGINT UNSIGNED, title VARCHAR(40))");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aMissingIndexIsCreatedFromTheConfigAndResyncNewIndexBuildsFromItToo() throws Exception {
        Path configFile = fixture.directory.resolve("configured.conf");
        Files.writeString(configFile, fixture.hocon(CONFIGURED));
        SyncConfig config = ConfigLoader.parse(fixture.hocon(CONFIGURED), "configured.conf", Map.of());
        assertEquals(404, fixture.search.request("HEAD", "/" + index, null).status());

        Daemon daemon = fixture.start(config);
        assertEquals(Map.of("price", "double", "views", "keyword", "title", "keyword"), types(index));
        fixture.sql("INSERT INTO " + fixture.database() + ".items VALUES (1, 1e300, 18446744073709551615, 'a')");
        fixture.awaitDocument(index, "1", "views", "18446744073709551615");
        assertEquals(Map.of("price", "double", "views", "keyword", "title", "keyword", "id", "long"), types(index));

        // a field added to the live index by hand: a rebuild copying the live index would keep it, one from config not
        assertEquals(200, fixture.search.request("PUT", "/" + index + "/_mapping",
                "{\"properties\":{\"by_hand\":{\"type\":\"text\"}}}").status());
        Path log = fixture.directory.resolve("resync.log");
        assertEquals(0, DaemonProcess.run(log, "resync", fixture.database() + ".items", "--config",
                configFile.toString(), "--new-index"), Files.readString(log));
        List<String> backing = backingIndices(index);
        assertEquals(1, backing.size(), backing.toString());
        assertFalse(backing.get(0).equals(index), "the name is an alias now: " + backing);
        Map<String, String> rebuilt = types(backing.get(0));
        assertFalse(rebuilt.containsKey("by_hand"), rebuilt.toString());
        assertEquals("double", rebuilt.get("price"));
        assertEquals("keyword", rebuilt.get("views"));
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(60));
        assertEquals("18446744073709551615", fixture.document(index, "1").orElseThrow().path("views").asText());

        // check compares through the alias and finds nothing to say against it
        Path checkLog = fixture.directory.resolve("check-alias.log");
        DaemonProcess.run(checkLog, "check", "--config", configFile.toString());
        String check = Files.readString(checkLog);
        assertTrue(check.contains("OK   index " + index + ": exists (alias of " + backing.get(0) + ")"), check);
        assertFalse(check.contains("FAIL index"), check);
        assertFalse(check.contains("WARN index"), check);
    }

    @Test
    void anIndexTypedOtherwiseIsRefusedAtStartAndReportedByCheck() throws Exception {
        assertEquals(200, fixture.search.request("PUT", "/" + index,
                "{\"mappings\":{\"properties\":{\"price\":{\"type\":\"float\"}}}}").status());
        Path configFile = fixture.directory.resolve("conflict.conf");
        Files.writeString(configFile, fixture.hocon(CONFIGURED));
        SyncConfig config = ConfigLoader.parse(fixture.hocon(CONFIGURED), "conflict.conf", Map.of());

        IndexConflictException refused = assertThrows(IndexConflictException.class, () -> fixture.start(config));
        String message = refused.getMessage();
        for (String part : List.of("mappings[0]", "field price is double in mappings[0].index-mappings",
                "but float in index " + index, "resync --config FILE " + fixture.database() + ".items --new-index")) {
            assertTrue(message.contains(part), "\"" + part + "\" in: " + message);
        }
        assertFalse(fixture.stateFile.toFile().exists(), "refused before any state was written");

        Path checkLog = fixture.directory.resolve("check-conflict.log");
        assertEquals(1, DaemonProcess.run(checkLog, "check", "--config", configFile.toString()));
        String check = Files.readString(checkLog);
        assertTrue(check.contains("FAIL index " + index + ": mappings[0] (" + fixture.database() + ".items): field"
                + " price is double in mappings[0].index-mappings but float in index " + index), check);
        assertTrue(check.contains("--new-index"), check);
    }

    @Test
    void checkWarnsAboutUnsignedBigintAndDoubleWithoutConfiguredMappings() throws Exception {
        Path configFile = fixture.directory.resolve("plain.conf");
        Files.writeString(configFile, fixture.hocon(PLAIN));

        Path checkLog = fixture.directory.resolve("check-plain.log");
        DaemonProcess.run(checkLog, "check", "--config", configFile.toString());
        String check = Files.readString(checkLog);
        assertTrue(check.contains("OK   index " + index + ": missing; created by dynamic mapping"), check);
        assertTrue(check.contains("WARN index " + index + ": mappings[0] (" + fixture.database() + ".items): field"
                + " views (BIGINT UNSIGNED) has no mapping; dynamic mapping makes it long"), check);
        assertTrue(check.contains("index-mappings { properties { views { type = unsigned_long } } }"), check);
        assertTrue(check.contains("WARN index " + index + ": mappings[0] (" + fixture.database() + ".items): field"
                + " price (DOUBLE) has no mapping; dynamic mapping makes it float"), check);
        assertFalse(check.contains("field title"), check);
        assertFalse(check.contains("field id "), check);
    }

    /** Each top-level field's type, as GET /index/_mapping gives it (typeless on ES 7.17, 8 and OpenSearch). */
    private Map<String, String> types(String name) throws Exception {
        HttpResult result = fixture.search.request("GET", "/" + name + "/_mapping", null);
        assertEquals(200, result.status(), result.body());
        JsonNode properties = JSON.readTree(result.body()).path(name).path("mappings").path("properties");
        Map<String, String> types = new java.util.TreeMap<>();
        properties.fields().forEachRemaining(f -> types.put(f.getKey(), f.getValue().path("type").asText()));
        return types;
    }

    private List<String> backingIndices(String alias) throws Exception {
        HttpResult result = fixture.search.request("GET", "/_alias/" + alias, null);
        List<String> names = new ArrayList<>();
        if (result.status() == 200) {
            JSON.readTree(result.body()).fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
