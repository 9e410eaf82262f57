package io.binlogsync.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pages through an index with a scroll, which every supported server has; the scroll is cleared at the end. */
final class ScrollIdPager implements IdPager {
    private static final String KEEP_ALIVE = "5m";
    private static final String FILTER_PATH = "filter_path=_scroll_id,hits.hits._id";

    private final JsonCalls calls;

    ScrollIdPager(JsonCalls calls) {
        this.calls = calls;
    }

    @Override
    public <E extends Exception> long forEach(String index, int pageSize, PageConsumer<E> consumer)
            throws IOException, E {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("size", pageSize).put("_source", false).putArray("sort").add("_doc");
        Optional<JsonNode> page = calls.call("POST", "/" + index + "/_search?scroll=" + KEEP_ALIVE + "&"
                + FILTER_PATH, body);
        String scrollId = page.map(p -> p.path("_scroll_id").asText(null)).orElse(null);
        long seen = 0;
        try {
            while (page.isPresent()) {
                List<String> ids = PageIds.of(page.get());
                if (ids.isEmpty()) {
                    break;
                }
                consumer.accept(ids);
                seen += ids.size();
                ObjectNode next = JsonNodeFactory.instance.objectNode();
                next.put("scroll", KEEP_ALIVE).put("scroll_id", scrollId);
                page = calls.call("POST", "/_search/scroll?" + FILTER_PATH, next);
                scrollId = page.map(p -> p.path("_scroll_id").asText(null)).orElse(scrollId);
            }
            return seen;
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
}
