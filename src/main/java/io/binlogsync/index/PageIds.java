package io.binlogsync.index;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The ids of the hits of one page of a search. */
final class PageIds {
    private PageIds() {
    }

    static List<String> of(JsonNode page) {
        JsonNode hits = page.path("hits").path("hits");
        List<String> ids = new ArrayList<>(hits.size());
        hits.forEach(hit -> ids.add(hit.path("_id").asText()));
        return ids;
    }
}
