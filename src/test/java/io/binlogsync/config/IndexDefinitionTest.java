package io.binlogsync.config;

import static io.binlogsync.config.ConfigTestSupport.MINIMAL;
import static io.binlogsync.config.ConfigTestSupport.assertOnlyProblem;
import static io.binlogsync.config.ConfigTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mapping's {@code index-settings}, {@code index-mappings} and {@code index-file}. */
class IndexDefinitionTest {

    private static String mapping(String extra) {
        return "mappings = [{ table = \"shop.products\", index = \"products\"\n" + extra + "\n}]\n";
    }

    @Test
    void noDefinitionByDefault() {
        assertEquals(Optional.empty(), parse(MINIMAL).mappings().get(0).indexDefinition());
    }

    @Test
    void inlineHoconBecomesTheCreateIndexJson() {
        IndexDefinition definition = parse(MINIMAL + mapping("""
                index-settings { number_of_shards = 1, index.refresh_interval = 5s }
                index-mappings { dynamic = strict, properties { price { type = double }, sku { type = keyword },
                  tags { properties { name { type = text } } } } }
                """)).mappings().get(0).indexDefinition().orElseThrow();

        assertEquals("mappings[0].index-mappings", definition.source());
        assertEquals(Optional.of("{\"index\":{\"refresh_interval\":\"5s\"},\"number_of_shards\":1}"),
                definition.settings());
        assertEquals(Optional.of("{\"dynamic\":\"strict\",\"properties\":{\"price\":{\"type\":\"double\"},"
                + "\"sku\":{\"type\":\"keyword\"},\"tags\":{\"properties\":{\"name\":{\"type\":\"text\"}}}}}"),
                definition.mappings());
    }

    @Test
    void mappingsAloneLeaveTheSettingsToTheServer() {
        IndexDefinition definition = parse(MINIMAL + mapping("index-mappings.properties.id.type = long"))
                .mappings().get(0).indexDefinition().orElseThrow();

        assertEquals(Optional.empty(), definition.settings());
        assertEquals(Optional.of("{\"properties\":{\"id\":{\"type\":\"long\"}}}"), definition.mappings());
    }

    @Test
    void aJsonFileHoldsTheCreateIndexBody(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("products.json"), """
                {"settings": {"index.number_of_replicas": 0},
                 "mappings": {"properties": {"price": {"type": "scaled_float", "scaling_factor": 100}}}}
                """);
        IndexDefinition definition = parse(MINIMAL + mapping("index-file = \"" + file + "\""))
                .mappings().get(0).indexDefinition().orElseThrow();

        assertEquals(file.toString(), definition.source());
        assertEquals(Optional.of("{\"index.number_of_replicas\":0}"), definition.settings());
        assertEquals(Optional.of("{\"properties\":{\"price\":{\"scaling_factor\":100,\"type\":\"scaled_float\"}}}"),
                definition.mappings());
    }

    @Test
    void aMissingFileIsNamedWithTheFix(@TempDir Path dir) {
        Path file = dir.resolve("absent.json");
        assertOnlyProblem(mapping("index-file = \"" + file + "\""), "mappings[0].index-file",
                file.toString(), "is not a readable file", "\"settings\"");
    }

    @Test
    void aFileThatIsNotJsonIsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), "settings { a = 1 }");
        assertOnlyProblem(mapping("index-file = \"" + file + "\""), "mappings[0].index-file", "is not valid JSON");
    }

    @Test
    void aFileWithOtherKeysIsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("typo.json"), "{\"mapping\": {}}");
        assertOnlyProblem(mapping("index-file = \"" + file + "\""), "mappings[0].index-file",
                "\"mapping\"", "only \"settings\" and \"mappings\"");
    }

    @Test
    void fileAndInlineAreExclusive(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.json"), "{}");
        assertOnlyProblem(mapping("index-file = \"" + file + "\"\nindex-mappings.properties.id.type = long"),
                "mappings[0].index-file", "keep one");
    }

    @Test
    void aFieldWithoutTypeOrPropertiesIsNamed() {
        ConfigProblem problem = assertOnlyProblem(mapping("index-mappings.properties.price.scaling_factor = 100"),
                "mappings[0]", "mappings[0].index-mappings.properties.price", "neither a type nor properties");
        assertTrue(problem.message().contains("type = keyword"), problem.text());
    }

    @Test
    void aMappingsThatIsNotAnObjectIsRefused() {
        assertOnlyProblem(mapping("index-mappings = \"price: double\""), "mappings[0].index-mappings",
                "expected an object");
    }
}
