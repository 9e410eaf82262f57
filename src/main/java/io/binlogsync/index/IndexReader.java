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
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what an index holds, for verify: documents by id ({@code _mget}, real-time, so no refresh is needed) and
 * every id, page by page ({@link IdPager}). Numbers are parsed exactly (decimals as BigDecimal, digits kept).
 */
public final class IndexReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private final RestClient client;
    private final String hosts;
    private final JsonCalls calls;
    private final ServerDetection detection;

    public IndexReader(ElasticsearchConfig config) {
        this.client = RestClients.build(config);
        this.hosts = config.hosts().toString();
        this.calls = new JsonCalls(client, hosts, JSON);
        this.detection = new ServerDetection(calls, hosts);
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

    /**
     * Hands every id of the index to {@code consumer}, {@code pageSize} at a time, from a view of the index as it was
     * when the scan began (documents written since may be missed, which is fine for finding extra ones).
     */
    public <E extends Exception> void scanIds(String index, int pageSize, IdPager.PageConsumer<E> consumer)
            throws IOException, E {
        IdPager.forServer(detection.server(), calls).forEach(index, pageSize, consumer);
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
