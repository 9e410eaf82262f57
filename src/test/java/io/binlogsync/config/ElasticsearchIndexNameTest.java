package io.binlogsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ElasticsearchIndexNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"products", "products-v2", "shop.products", "products_2024", ".internal", "ürün"})
    void acceptsNamesElasticsearchAccepts(String name) {
        assertEquals(Optional.empty(), ElasticsearchIndexName.problemWith(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Products", "-a", "_a", "+a", "a\\b", "a/b", "a*b", "a?b", "a\"b", "a<b", "a>b",
            "a|b", "a b", "a,b", "a#b", "a:b", ".", ".."})
    void rejectsNamesElasticsearchRejects(String name) {
        assertTrue(ElasticsearchIndexName.problemWith(name).isPresent(), name);
    }

    @Test
    void rejectsNamesLongerThan255Bytes() {
        assertTrue(ElasticsearchIndexName.problemWith("a".repeat(256)).orElseThrow().contains("255 bytes"));
        assertEquals(Optional.empty(), ElasticsearchIndexName.problemWith("a".repeat(255)));
    }
}
