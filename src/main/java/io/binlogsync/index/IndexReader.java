package io.binlogsync.index;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binlogsync.config.ElasticsearchConfig;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what an index holds, for verify: documents by id ({@code _mget}, real-time, so no refresh is needed) and
 * every id, page by page through a scroll. Numbers are parsed exactly (decimals as BigDecimal, digits kept).
 */
public final class IndexReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    private static final String SCROLL_KEEP_ALIVE = "5m";

    private final RestClient client;
    private final String hosts;
    private final JsonCalls calls;

    public IndexReader(ElasticsearchConfig config) {
        this.client = RestClients.build(config);
        this.hosts = config.hosts().toString();
        this.calls = new JsonCalls(client, hosts, JSON, "; check elasticsearch.hosts and the user's read privileges");
    }

    /** The sources of those of {@code ids} that exist in the index, by id; empty when the index does not exist. */
    public Map<String, JsonNode> sources(String index, Collection<String> ids) throws IOException {
        Map<String, JsonNode> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ids.forEach(body.putArray("ids")::add);
        Optional<JsonNode> response = calls.call("POST", "/" + index + "/_mget", body);
        for (JsonNode document : response.map(r -> r.path("docs")).orElse(JsonNodeFactory.instance.arrayNode())) {
            if (document.has("error")) {
                throw new IOException("Elasticsearch " + hosts + " could not read document '"
                        + document.path("_id").asText() + "' of index " + index + ": " + document.get("error"));
            }
            if (document.path("found").asBoolean()) {
                found.put(document.get("_id").asText(), document.get("_source"));
            }
        }
        return found;
    }

    /** Makes every document written so far visible to searches (the id scan); a missing index is no error. */
    public void refresh(String index) throws IOException {
        calls.call("POST", "/" + index + "/_refresh", null);
    }

    /** Documents in the index as counted now (after a refresh); 0 when it does not exist. */
    public long count(String index) throws IOException {
        return calls.call("GET", "/" + index + "/_count", null).map(r -> r.path("count").asLong()).orElse(0L);
    }

    /** Takes one page of ids of a scan. */
    public interface IdPageConsumer {
        void accept(List<String> ids) throws Exception;
    }

    /**
     * Hands every id of the index to {@code consumer}, {@code pageSize} at a time, through a scroll (a point-in-time
     * view: documents written after the scan began may be missed, which is fine for finding extra ones).
     */
    public void scanIds(String index, int pageSize, IdPageConsumer consumer) throws Exception {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("size", pageSize).put("_source", false).putArray("sort").add("_doc");
        Optional<JsonNode> page = calls.call("POST", "/" + index + "/_search?scroll=" + SCROLL_KEEP_ALIVE, body);
        String scrollId = page.map(p -> p.path("_scroll_id").asText(null)).orElse(null);
        try {
            while (page.isPresent()) {
                List<String> ids = new ArrayList<>();
                page.get().path("hits").path("hits").forEach(hit -> ids.add(hit.get("_id").asText()));
                if (ids.isEmpty()) {
                    return;
                }
                consumer.accept(ids);
                ObjectNode next = JsonNodeFactory.instance.objectNode();
                next.put("scroll", SCROLL_KEEP_ALIVE).put("scroll_id", scrollId);
                page = calls.call("POST", "/_search/scroll", next);
                scrollId = page.map(p -> p.path("_scroll_id").asText(null)).orElse(scrollId);
            }
        } finally {
            if (scrollId != null) {
                ObjectNode clear = JsonNodeFactory.instance.objectNode();
                clear.putArray("scroll_id").add(scrollId);
                try {
                    calls.call("DELETE", "/_search/scroll", clear);
                } catch (IOException e) {
                    // the scroll expires on its own after its keep-alive
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
