package io.binlogsync.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlogsync.index.MappingConflicts.Conflict;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What counts as a live mapping contradicting the configured one. */
class MappingConflictsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void aFieldTypedDifferentlyIsAConflictNamingBothTypes() throws Exception {
        JsonNode configured = json("{'properties': {'price': {'type': 'double'}, 'sku': {'type': 'keyword'}}}");
        JsonNode live = json("{'properties': {'price': {'type': 'float'}, 'sku': {'type': 'keyword'},"
                + " 'extra': {'type': 'text'}}}");

        assertEquals(List.of(new Conflict("price", "double", "float")), MappingConflicts.between(configured, live));
        assertEquals("price is double in the config but float in the index",
                MappingConflicts.between(configured, live).get(0).toString());
    }

    @Test
    void otherParametersThanTheTypeAreNotCompared() throws Exception {
        JsonNode configured = json("{'properties': {'price': {'type': 'scaled_float', 'scaling_factor': 100}}}");
        JsonNode live = json("{'properties': {'price': {'type': 'scaled_float', 'scaling_factor': 10}}}");

        assertEquals(List.of(), MappingConflicts.between(configured, live));
    }

    @Test
    void nestedFieldsAreComparedByTheirDottedPath() throws Exception {
        JsonNode configured = json("{'properties': {'maker': {'properties': {'id': {'type': 'long'}}}}}");
        JsonNode live = json("{'properties': {'maker': {'properties': {'id': {'type': 'keyword'}}}}}");

        assertEquals(List.of(new Conflict("maker.id", "long", "keyword")), MappingConflicts.between(configured, live));
    }

    @Test
    void objectAgainstNestedIsAConflict() throws Exception {
        JsonNode configured = json("{'properties': {'tags': {'type': 'nested', 'properties': {}}}}");
        JsonNode live = json("{'properties': {'tags': {'properties': {'name': {'type': 'text'}}}}}");

        assertEquals(List.of(new Conflict("tags", "nested", "object")), MappingConflicts.between(configured, live));
    }

    @Test
    void aMissingFieldUnderDynamicMappingIsNoConflictButUnmapped() throws Exception {
        JsonNode configured = json("{'properties': {'price': {'type': 'double'}}}");
        JsonNode empty = json("{}");

        assertEquals(List.of(), MappingConflicts.between(configured, empty));
        assertEquals(List.of("price"), MappingConflicts.unmapped(configured, empty));
    }

    @Test
    void aMissingFieldIsAConflictWhereTheIndexIsStrictOrNotDynamic() throws Exception {
        JsonNode configured = json("{'properties': {'price': {'type': 'double'},"
                + " 'maker': {'properties': {'id': {'type': 'long'}}}}}");
        JsonNode live = json("{'dynamic': 'strict', 'properties': {'maker': {'dynamic': 'true', 'properties': {}}}}");

        assertEquals(List.of(new Conflict("price", "double", "absent")), MappingConflicts.between(configured, live));
        assertEquals(List.of("maker.id"), MappingConflicts.unmapped(configured, live));
        assertEquals(List.of(new Conflict("price", "double", "absent"), new Conflict("maker", "object", "absent")),
                MappingConflicts.between(configured, json("{'dynamic': false}")));
    }
}
