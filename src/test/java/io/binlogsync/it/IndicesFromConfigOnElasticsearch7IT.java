package io.binlogsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlogsync.index.ConfiguredIndices.IndexConflictException;
import io.binlogsync.index.SearchServer.Flavour;
import io.binlogsync.testing.HttpResult;
import io.binlogsync.testing.servers.LocalSearchServer;
import io.binlogsync.testing.servers.SearchDistribution;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Indices from config on Elasticsearch 7.17, whose typeless mapping API the comparison reads: its GET _mapping answer
 * has no {@code _doc} level either, so a created index shows the configured types and a contradicting one is found.
 */
@ExtendWith(TestServersExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicesFromConfigOnElasticsearch7IT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIGURED = """
            [ { table = "{db}.items", index = "{index}items"
                index-mappings { properties { price { type = double }, views { type = keyword } } } } ]
            """;

    private final LocalSearchServer search = new LocalSearchServer(SearchDistribution.copied(Flavour.ELASTICSEARCH,
            "binlogsync.elasticsearch7.version")).small();
    private SyncFixture fixture;
    private String index;

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
        fixture = new SyncFixture(servers, search, "indices7_" + Long.toString(System.nanoTime(), 36));
        index = fixture.index("items");
        fixture.sql("CREATE DATABASE " + fixture.database(), "CREATE TABLE " + fixture.database() + ".items (id INT"
                + " PRIMARY KEY, price DOUBLE, views BIGINT UNSIGNED)");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aMissingIndexIsCreatedWithTheConfiguredTypes() throws Exception {
        fixture.start(fixture.config(CONFIGURED));

        assertEquals(Map.of("price", "double", "views", "keyword"), types(index));
        fixture.sql("INSERT INTO " + fixture.database() + ".items VALUES (1, 1e300, 18446744073709551615)");
        fixture.awaitDocument(index, "1", "views", "18446744073709551615");
    }

    @Test
    void anIndexTypedOtherwiseIsRefused() {
        assertEquals(200, search.request("PUT", "/" + index,
                "{\"mappings\":{\"properties\":{\"views\":{\"type\":\"long\"}}}}").status());

        String message = assertThrows(IndexConflictException.class, () -> fixture.start(fixture.config(CONFIGURED)))
                .getMessage();
        assertTrue(message.contains("field views is keyword in mappings[0].index-mappings but long in index " + index),
                message);
    }

    private Map<String, String> types(String name) throws Exception {
        HttpResult result = search.request("GET", "/" + name + "/_mapping", null);
        assertEquals(200, result.status(), result.body());
        JsonNode mappings = JSON.readTree(result.body()).path(name).path("mappings");
        Map<String, String> types = new TreeMap<>();
        mappings.path("properties").fields().forEachRemaining(f -> types.put(f.getKey(), f.getValue().path("type")
                .asText()));
        return types;
    }
}
