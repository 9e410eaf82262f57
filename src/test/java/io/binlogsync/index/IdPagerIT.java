package io.binlogsync.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.LocalSearchServer;
import io.binlogsync.testing.servers.TestServersExtension;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Both pagers against the suite's Elasticsearch: the point in time Elasticsearch uses and the scroll OpenSearch
 * uses (which Elasticsearch has too). Every id once, pages no larger than asked, nothing for an empty or missing
 * index, and no search context left open afterwards, even when the consumer fails.
 */
@ExtendWith(TestServersExtension.class)
class IdPagerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DOCUMENTS = 2_500;
    private static final int PAGE = 1_000;

    private LocalSearchServer elasticsearch;
    private RestClient client;
    private JsonCalls calls;
    private String index;

    @BeforeEach
    void setUp(LocalSearchServer elasticsearch) throws IOException {
        this.elasticsearch = elasticsearch;
        URI url = URI.create(elasticsearch.url());
        client = RestClient.builder(new HttpHost(url.getHost(), url.getPort(), "http")).build();
        calls = new JsonCalls(client, "[" + url + "]", JSON);
        index = "pager_" + Long.toString(System.nanoTime(), 36);
    }

    @AfterEach
    void tearDown() throws IOException {
        elasticsearch.request("DELETE", "/" + index, null);
        client.close();
    }

    @Test
    void theSuiteServerIsDetectedAndPagedByPointInTime() throws IOException {
        SearchServer server = new ServerDetection(calls, "[" + elasticsearch.url() + "]").server();
        assertEquals(new SearchServer(SearchServer.Flavour.ELASTICSEARCH,
                System.getProperty("binlogsync.elasticsearch.version")), server);
        assertSame(PointInTimeIdPager.class, IdPager.forServer(server, calls).getClass());
    }

    @Test
    void pointInTimeHandsEveryIdOnceInBoundedPages() throws IOException {
        everyIdOnce(new PointInTimeIdPager(calls));
    }

    @Test
    void scrollHandsEveryIdOnceInBoundedPages() throws IOException {
        everyIdOnce(new ScrollIdPager(calls));
    }

    @Test
    void anEmptyIndexHasNoPages() throws IOException {
        create(3);
        for (IdPager pager : pagers()) {
            assertEquals(0, pager.forEach(index, PAGE, ids -> {
                throw new AssertionError("a page of an empty index: " + ids);
            }), pager.getClass().getSimpleName());
        }
        awaitNoSearchContexts();
    }

    @Test
    void aMissingIndexHasNoPages() throws IOException {
        for (IdPager pager : pagers()) {
            assertEquals(0, pager.forEach("missing_" + index, PAGE, ids -> {
                throw new AssertionError("a page of a missing index: " + ids);
            }), pager.getClass().getSimpleName());
        }
    }

    @Test
    void aFailingConsumerLeavesNoSearchContextOpen() throws IOException {
        create(3);
        index(DOCUMENTS);
        for (IdPager pager : pagers()) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> pager.forEach(index, PAGE, ids -> {
                        throw new IllegalStateException("consumer failed");
                    }));
            assertEquals("consumer failed", failure.getMessage());
            awaitNoSearchContexts();
        }
    }

    private void everyIdOnce(IdPager pager) throws IOException {
        create(3);
        Set<String> written = index(DOCUMENTS);
        List<Integer> sizes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        long count = pager.forEach(index, PAGE, ids -> {
            sizes.add(ids.size());
            ids.stream().filter(id -> !seen.add(id)).forEach(repeated::add);
        });
        assertEquals(List.of(), repeated, "ids handed twice");
        assertEquals(written, seen);
        assertEquals(DOCUMENTS, count);
        assertEquals(List.of(1000, 1000, 500), sizes);
        awaitNoSearchContexts();
    }

    private List<IdPager> pagers() {
        return List.of(new PointInTimeIdPager(calls), new ScrollIdPager(calls));
    }

    /** Several shards, so that paging crosses shards. */
    private void create(int shards) throws IOException {
        calls.call("PUT", "/" + index, JSON.valueToTree(Map.of("settings",
                Map.of("number_of_shards", shards, "number_of_replicas", 0))));
    }

    private Set<String> index(int documents) throws IOException {
        StringBuilder body = new StringBuilder();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < documents; i++) {
            String id = "row-" + i;
            ids.add(id);
            body.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(id).append("\"}}\n")
                    .append("{\"n\":").append(i).append("}\n");
        }
        Request bulk = new Request("POST", "/_bulk");
        bulk.addParameter("refresh", "true");
        bulk.addParameter("filter_path", "errors");
        bulk.setEntity(new NStringEntity(body.toString(), ContentType.create("application/x-ndjson")));
        JsonNode answer = JSON.readTree(client.performRequest(bulk).getEntity().getContent());
        assertEquals(false, answer.path("errors").asBoolean(true), answer.toString());
        return ids;
    }

    /** The pagers' points in time and scrolls are all closed (closing is not waited for by the server's answer). */
    private void awaitNoSearchContexts() {
        Poll.until(Duration.ofSeconds(10), "no open search context on " + elasticsearch.url(), () -> {
            try {
                JsonNode stats = calls.call("GET", "/_nodes/stats/indices/search", null).orElseThrow();
                long open = 0;
                for (JsonNode node : stats.path("nodes")) {
                    open += node.path("indices").path("search").path("open_contexts").asLong();
                    open += node.path("indices").path("search").path("scroll_current").asLong();
                }
                return open == 0;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
