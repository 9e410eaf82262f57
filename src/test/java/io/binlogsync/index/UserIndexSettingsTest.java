package io.binlogsync.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserIndexSettingsTest {

    @Test
    void keepsWhatTheUserChoseAndDropsWhatElasticsearchSetsPerIndex() throws Exception {
        ObjectNode flat = (ObjectNode) new ObjectMapper().readTree("""
                {"index.number_of_shards":"3","index.number_of_replicas":"0","index.refresh_interval":"5s",
                 "index.analysis.analyzer.folding.tokenizer":"standard",
                 "index.analysis.analyzer.folding.filter":["lowercase","asciifolding"],
                 "index.uuid":"abc","index.creation_date":"1700000000000","index.provided_name":"products",
                 "index.version.created":"8521000","index.history.uuid":"x","index.blocks.write":"true",
                 "index.routing.allocation.initial_recovery._id":"n1","index.resize.source.name":"a"}""");
        ObjectNode kept = UserIndexSettings.of(flat);
        List<String> keys = new ArrayList<>();
        kept.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("index.number_of_shards", "index.number_of_replicas", "index.refresh_interval",
                "index.analysis.analyzer.folding.tokenizer", "index.analysis.analyzer.folding.filter"), keys);
        assertEquals(2, kept.get("index.analysis.analyzer.folding.filter").size());
    }

    @Test
    void templatePatternsMatchWithStars() {
        assertTrue(IndexPatterns.matches("products-*", "products-20250314-093005"));
        assertTrue(IndexPatterns.matches("*", "products"));
        assertTrue(IndexPatterns.matches("prod*-2025*", "products-20250314"));
        assertTrue(IndexPatterns.matches("products", "products"));
        assertFalse(IndexPatterns.matches("products-*", "products"));
        assertFalse(IndexPatterns.matches("orders-*", "products-1"));
        assertFalse(IndexPatterns.matches("a*a", "a"));
    }
}
