package io.binlogsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlogsync.testing.HttpResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The oracle for large tables: every row of {@code db.items(id, v, title)} against every document of its index,
 * read whole (a scroll over the index), field by field.
 */
final class Verification {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Verification() {
    }

    static List<String> differences(SyncFixture fixture, String table) {
        try {
            String index = fixture.index(table);
            return TableComparison.differences(fixture.source.query("SELECT id, v, title FROM " + fixture.database()
                    + "." + table), "id", allDocuments(fixture, index));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, JsonNode> allDocuments(SyncFixture fixture, String index) {
        var elasticsearch = fixture.servers.elasticsearch();
        elasticsearch.request("POST", "/" + index + "/_refresh", null);
        Map<String, JsonNode> documents = new HashMap<>();
        JsonNode page = parse(elasticsearch.request("POST", "/" + index + "/_search?scroll=1m",
                "{\"size\":10000,\"sort\":[\"_doc\"]}"));
        while (page.path("hits").path("hits").size() > 0) {
            for (JsonNode hit : page.path("hits").path("hits")) {
                documents.put(hit.get("_id").asText(), hit.get("_source"));
            }
            page = parse(elasticsearch.request("POST", "/_search/scroll",
                    "{\"scroll\":\"1m\",\"scroll_id\":\"" + page.get("_scroll_id").asText() + "\"}"));
        }
        return documents;
    }

    private static JsonNode parse(HttpResult result) {
        try {
            return JSON.readTree(result.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + result, e);
        }
    }
}
