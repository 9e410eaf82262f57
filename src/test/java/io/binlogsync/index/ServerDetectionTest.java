package io.binlogsync.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlogsync.index.CannedHttpServer.Answer;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link ServerDetection} against a local HTTP server answering with the bodies real servers send: the test
 * distributions of Elasticsearch 8.19.8 and OpenSearch 2.19.3 and 3.3.0 as captured (curl), and a full Elasticsearch
 * cluster's {@code GET /} shaped as it answers.
 */
class ServerDetectionTest {
    /** Elasticsearch 8.19.8's test distribution: GET / is not allowed there. */
    private static final Answer ES_TEST_DISTRIBUTION_MAIN = Answer.json(405, "{\"error\":\"Incorrect HTTP method for "
            + "uri [/] and method [GET], allowed: [DELETE]\",\"status\":405}")
            .withHeader("X-elastic-product", "Elasticsearch");
    private static final String NODES = "GET /_nodes";

    private CannedHttpServer server;
    private RestClient client;
    private ServerDetection detection;
    private String hosts;

    @BeforeEach
    void start() throws IOException {
        server = new CannedHttpServer();
        hosts = "[" + server.host().toURI() + "]";
        client = RestClient.builder(server.host()).build();
        detection = new ServerDetection(new JsonCalls(client, hosts, new ObjectMapper()), hosts);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    @Test
    void elasticsearchTestDistributionIsKnownByItsNodesAndHeader() throws IOException {
        server.answer("GET /", ES_TEST_DISTRIBUTION_MAIN);
        server.answer(NODES, Answer.json(200, "{\"nodes\":{\"DF5ANxrhTHifJeKxedjqEg\":{\"version\":\"8.19.8\"}}}")
                .withHeader("X-elastic-product", "Elasticsearch"));
        SearchServer found = detection.server();
        assertEquals(new SearchServer(SearchServer.Flavour.ELASTICSEARCH, "8.19.8"), found);
        assertEquals("Elasticsearch 8.19.8", found.toString());
        assertEquals(8, found.major());
        assertEquals(19, found.minor());
    }

    @Test
    void aRollingUpgradeCountsAsItsOldestNode() throws IOException {
        server.answer("GET /", ES_TEST_DISTRIBUTION_MAIN);
        server.answer(NODES, Answer.json(200, "{\"nodes\":{\"a\":{\"version\":\"9.1.5\"},\"b\":{\"version\":"
                + "\"8.19.8\"},\"c\":{\"version\":\"9.0.0\"}}}").withHeader("X-elastic-product", "Elasticsearch"));
        assertEquals("Elasticsearch 8.19.8", detection.server().toString());
    }

    /** Shaped like what Elasticsearch 8 answers GET / with (a full distribution). */
    @Test
    void elasticsearchClusterSaysItsVersionAtTheRoot() throws IOException {
        server.answer("GET /", Answer.json(200, "{\"name\":\"node-1\",\"cluster_name\":\"docker-cluster\","
                + "\"cluster_uuid\":\"ASdPYRtjS6yr-a8i9qE08A\",\"version\":{\"number\":\"7.17.29\",\"build_flavor\":"
                + "\"default\",\"build_type\":\"docker\",\"build_hash\":\"3700f7679f7d95e36da0b43762189bab189bc53a\","
                + "\"build_date\":\"2022-03-03T14:20:00.690422633Z\",\"build_snapshot\":false,\"lucene_version\":"
                + "\"8.11.3\",\"minimum_wire_compatibility_version\":\"6.8.0\",\"minimum_index_compatibility_version\":"
                + "\"6.0.0-beta1\"},\"tagline\":\"You Know, for Search\"}")
                .withHeader("X-elastic-product", "Elasticsearch"));
        assertEquals(new SearchServer(SearchServer.Flavour.ELASTICSEARCH, "7.17.29"), detection.server());
    }

    /** OpenSearch 2.19.3's test distribution, as captured (curl): no product header, a distribution. */
    @Test
    void openSearchSaysItsDistributionAtTheRoot() throws IOException {
        server.answer("GET /", new Answer(200, "application/json; charset=UTF-8", """
                {
                  "name" : "node-28623",
                  "cluster_name" : "binlogsync-test",
                  "cluster_uuid" : "2e9FQpIBR36blmaUgkzQ0w",
                  "version" : {
                    "distribution" : "opensearch",
                    "number" : "2.19.3",
                    "build_type" : "zip",
                    "build_hash" : "a90f864b8524bc75570a8461ccb569d2a4bfed42",
                    "build_date" : "2025-07-21T22:34:18.003652598Z",
                    "build_snapshot" : false,
                    "lucene_version" : "9.12.2",
                    "minimum_wire_compatibility_version" : "7.10.0",
                    "minimum_index_compatibility_version" : "7.0.0"
                  },
                  "tagline" : "The OpenSearch Project: https://opensearch.org/"
                }
                """, Map.of()));
        assertEquals("OpenSearch 2.19.3", detection.server().toString());
    }

    /** OpenSearch 3.3.0's test distribution, as captured (curl): it names itself in a header too. */
    @Test
    void openSearch3SaysItsVersionInAHeaderToo() throws IOException {
        server.answer("GET /", new Answer(200, "application/json; charset=UTF-8", """
                {
                  "name" : "node-31763",
                  "cluster_name" : "binlogsync-test",
                  "cluster_uuid" : "ktQ52UFKQ4SHmsEk0EZMVA",
                  "version" : {
                    "distribution" : "opensearch",
                    "number" : "3.3.0",
                    "build_type" : "zip",
                    "build_hash" : "e972d15408320e6be84c64bb0fdc076ca7696ea2",
                    "build_date" : "2025-10-11T23:26:07.877318301Z",
                    "build_snapshot" : false,
                    "lucene_version" : "10.3.1",
                    "minimum_wire_compatibility_version" : "2.19.0",
                    "minimum_index_compatibility_version" : "2.0.0"
                  },
                  "tagline" : "The OpenSearch Project: https://opensearch.org/"
                }
                """, Map.of("X-OpenSearch-Version", "OpenSearch/3.3.0 (opensearch)")));
        assertEquals("OpenSearch 3.3.0", detection.server().toString());
    }

    /** Were GET / refused, OpenSearch 3's header would still tell the nodes' versions apart from Elasticsearch's. */
    @Test
    void openSearch3NodesAreKnownByTheirHeader() throws IOException {
        server.answer("GET /", Answer.json(405, "{\"error\":\"Incorrect HTTP method\",\"status\":405}"));
        server.answer(NODES, Answer.json(200, "{\"nodes\":{\"rG8Xiu4yQ5upd-6uHE4rQw\":{\"version\":\"3.3.0\"}}}")
                .withHeader("X-OpenSearch-Version", "OpenSearch/3.3.0 (opensearch)"));
        assertEquals("OpenSearch 3.3.0", detection.server().toString());
    }

    @Test
    void theServerIsAskedOnce() throws IOException {
        server.answer("GET /", Answer.json(200, "{\"version\":{\"distribution\":\"opensearch\",\"number\":\"3.3.0\"}}"));
        assertEquals("OpenSearch 3.3.0", detection.server().toString());
        server.answer("GET /", Answer.json(503, "{}"));
        assertEquals("OpenSearch 3.3.0", detection.server().toString());
    }

    @Test
    void withoutTheProductHeaderTheNodesSayNothing() {
        server.answer("GET /", Answer.json(405, "{\"error\":\"Incorrect HTTP method\",\"status\":405}"));
        server.answer(NODES, Answer.json(200, "{\"nodes\":{\"a\":{\"version\":\"8.19.8\"}}}"));
        UnsupportedServerException refused = assertThrows(UnsupportedServerException.class, detection::server);
        assertEquals("Elasticsearch " + hosts + " did not say which server it is (GET / was refused; GET /_nodes "
                + "came without an X-Elastic-Product header or versions); binlog-sync supports Elasticsearch 7.17, "
                + "8.x or 9.x, or OpenSearch 2.x or 3.x: check elasticsearch.hosts", refused.getMessage());
    }

    @Test
    void otherRefusalsOfTheRootAreNotGuessedAround() {
        server.answer("GET /", Answer.json(403, "{\"error\":{\"type\":\"security_exception\",\"reason\":\"action "
                + "[cluster:monitor/main] is unauthorized for user [binlog_sync]\"},\"status\":403}"));
        RefusedRequestException refused = assertThrows(RefusedRequestException.class, detection::server);
        assertEquals(403, refused.status());
    }

    @Test
    void versionsOutsideTheSupportedRangesAreRefusedNamingBoth() {
        for (String version : new String[] {"7.16.3", "6.8.23", "10.0.0"}) {
            UnsupportedServerException refused = assertThrows(UnsupportedServerException.class, () ->
                    ServerDetection.supported(new SearchServer(SearchServer.Flavour.ELASTICSEARCH, version), "[h]"));
            assertEquals("Elasticsearch [h] is Elasticsearch " + version + ", which binlog-sync does not support; "
                    + "it supports Elasticsearch 7.17, 8.x or 9.x, or OpenSearch 2.x or 3.x", refused.getMessage());
        }
        for (String version : new String[] {"1.3.20", "4.0.0"}) {
            UnsupportedServerException refused = assertThrows(UnsupportedServerException.class, () ->
                    ServerDetection.supported(new SearchServer(SearchServer.Flavour.OPENSEARCH, version), "[h]"));
            assertEquals("Elasticsearch [h] is OpenSearch " + version + ", which binlog-sync does not support; "
                    + "it supports Elasticsearch 7.17, 8.x or 9.x, or OpenSearch 2.x or 3.x", refused.getMessage());
        }
    }

    @Test
    void theSupportedRangesPassWhole() throws UnsupportedServerException {
        for (String version : new String[] {"7.17.0", "7.17.29", "8.0.0", "8.19.8", "9.1.5", "9.9.9"}) {
            SearchServer server = new SearchServer(SearchServer.Flavour.ELASTICSEARCH, version);
            assertEquals(server, ServerDetection.supported(server, "[h]"));
        }
        for (String version : new String[] {"2.0.0", "2.19.3", "3.3.0"}) {
            SearchServer server = new SearchServer(SearchServer.Flavour.OPENSEARCH, version);
            assertEquals(server, ServerDetection.supported(server, "[h]"));
        }
    }

    @Test
    void aVersionMustStartWithNumbers() {
        assertThrows(IllegalArgumentException.class,
                () -> new SearchServer(SearchServer.Flavour.ELASTICSEARCH, "unknown"));
        assertEquals(10, new SearchServer(SearchServer.Flavour.OPENSEARCH, "10.2.0-SNAPSHOT").major());
    }
}
