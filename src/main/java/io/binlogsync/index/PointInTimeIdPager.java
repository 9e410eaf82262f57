package io.binlogsync.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Optional;

/**
 * Pages through an index on Elasticsearch with a point in time and {@code search_after}, sorted on
 * {@code _shard_doc} (the cheapest order there is, Elasticsearch 7.12 and later); the point in time is closed at the
 * end. OpenSearch has {@code _shard_doc} only from 3.3 and another point-in-time API: it pages by scroll.
 */
final class PointInTimeIdPager implements IdPager {
    private static final String KEEP_ALIVE = "5m";
    private static final String FILTER_PATH = "filter_path=pit_id,hits.hits._id,hits.hits.sort";

    private final JsonCalls calls;

    PointInTimeIdPager(JsonCalls calls) {
        this.calls = calls;
    }

    @Override
    public <E extends Exception> long forEach(String index, int pageSize, PageConsumer<E> consumer)
            throws IOException, E {
        Optional<JsonNode> opened = calls.call("POST", "/" + index + "/_pit?keep_alive=" + KEEP_ALIVE, null);
        if (opened.isEmpty()) {
            return 0;
        }
        String pitId = opened.get().path("id").asText();
        long seen = 0;
        try {
            JsonNode searchAfter = null;
            while (true) {
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                body.put("size", pageSize).put("_source", false).put("track_total_hits", false);
                body.putObject("pit").put("id", pitId).put("keep_alive", KEEP_ALIVE);
                body.putArray("sort").addObject().put("_shard_doc", "asc");
                if (searchAfter != null) {
                    body.set("search_after", searchAfter);
                }
                JsonNode page = calls.call("POST", "/_search?" + FILTER_PATH, body).orElseThrow(() -> new IOException(
                        "the point in time over index " + index + " expired while paging through it (keep-alive "
                                + KEEP_ALIVE + ")"));
                pitId = page.path("pit_id").asText(pitId);
                JsonNode hits = page.path("hits").path("hits");
                if (hits.isEmpty()) {
                    return seen;
                }
                consumer.accept(PageIds.of(page));
                seen += hits.size();
                if (hits.size() < pageSize) {
                    return seen;
                }
                searchAfter = hits.get(hits.size() - 1).path("sort");
            }
        } finally {
            ObjectNode close = JsonNodeFactory.instance.objectNode().put("id", pitId);
            try {
                calls.call("DELETE", "/_pit", close);
            } catch (IOException e) {
                // the point in time expires on its own after its keep-alive
            }
        }
    }
}
