package io.binlogsync.verify;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DocumentDiffTest {

    private static JsonNode json(String text) {
        return MappedRows.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> diff(String expected, String actual) {
        return DocumentDiff.differingFields(json(expected), json(actual));
    }

    @Test
    void equalDocumentsInAnyOrderAndFormatting() {
        assertEquals(List.of(), diff("{\"a\":1,\"b\":[1,{\"c\":null}],\"d\":\"x\"}",
                "{ \"d\" : \"x\", \"b\": [1, {\"c\": null}], \"a\": 1 }"));
    }

    @Test
    void namesChangedMissingAndAddedFields() {
        assertEquals(List.of("a", "c", "extra", "nested"), diff(
                "{\"a\":1,\"b\":\"same\",\"c\":null,\"nested\":{\"x\":[1,2]}}",
                "{\"a\":2,\"b\":\"same\",\"nested\":{\"x\":[2,1]},\"extra\":true}"));
    }

    @Test
    void numbersAreComparedExactlyByValue() {
        assertEquals(List.of(), diff("{\"p\":19.90,\"n\":1}", "{\"p\":19.9,\"n\":1.0}"));
        assertEquals(List.of("big", "d"), diff(
                "{\"big\":18446744073709551615,\"d\":0.100000000000000000000000000001}",
                "{\"big\":18446744073709551614,\"d\":0.1}"));
        assertEquals(List.of("s"), diff("{\"s\":1}", "{\"s\":\"1\"}"), "a number is not its text");
    }

    @Test
    void nullIsNotAnAbsentField() {
        assertEquals(List.of("gone"), diff("{\"gone\":null}", "{}"));
    }
}
