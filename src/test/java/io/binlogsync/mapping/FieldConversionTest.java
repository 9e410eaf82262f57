package io.binlogsync.mapping;

import io.binlogsync.config.FieldConversion;
import io.binlogsync.config.FieldConversion.Kind;
import io.binlogsync.config.FieldsConfig;
import io.binlogsync.event.JsonText;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.TableColumns;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each conversion of fields.convert on each kind of value a row image holds. */
class FieldConversionTest {
    private static final TableColumns COLUMNS = new TableColumns(List.of("id", "v"), List.of("id"));
    private static final byte[] UTF8_JSON = "{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);

    /** The document of a row (id 1, v = value) with v converted; just the value of v. */
    private static String converted(FieldConversion conversion, Object value) {
        FieldSelection fields = new FieldSelection("mappings[3]",
                new FieldsConfig(List.of(), List.of(), Map.of(), Map.of("v", conversion)));
        byte[] document = new DocumentSerializer().serialize(new RowImage(COLUMNS, new Object[] {1L, value}),
                fields.planFor(COLUMNS));
        String text = new String(document, StandardCharsets.UTF_8);
        String prefix = "{\"id\":1,\"v\":";
        assertTrue(text.startsWith(prefix) && text.endsWith("}"), text);
        return text.substring(prefix.length(), text.length() - 1);
    }

    private static String converted(Kind kind, Object value) {
        return converted(FieldConversion.of(kind), value);
    }

    private static IllegalArgumentException refused(Kind kind, Object value) {
        return assertThrows(IllegalArgumentException.class, () -> converted(kind, value));
    }

    private static void assertNames(IllegalArgumentException error, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(error.getMessage().contains(fragment), () -> "missing \"" + fragment + "\": " + error.getMessage());
        }
    }

    // --- json --------------------------------------------------------------------------------------------------

    @Test
    void jsonTextBecomesJsonWithEveryDigitAsWritten() {
        assertEquals("{\"a\": [1, 2.50, 1e400], \"b\": null}",
                converted(Kind.JSON, "{\"a\": [1, 2.50, 1e400], \"b\": null}"));
        assertEquals("[\"x\",\"y\"]", converted(Kind.JSON, "[\"x\",\"y\"]"));
        assertEquals("42", converted(Kind.JSON, "42"));
    }

    @Test
    void jsonWithLineBreaksIsWrittenOnOneLineForTheBulkBody() {
        assertEquals("{    \"a\": [1,  2],\t\"s\": \"x\\ny\" }",
                converted(Kind.JSON, "{\r\n  \"a\": [1,\n 2],\t\"s\": \"x\\ny\"\n}"));
        assertEquals("{ \"a\": 1 }", converted(Kind.JSON, new JsonText("{\n\"a\": 1\n}")));
        FieldSelection asIs = new FieldSelection("mappings[3]", new FieldsConfig(List.of(), List.of(), Map.of(), Map.of()));
        byte[] document = new DocumentSerializer().serialize(new RowImage(COLUMNS,
                new Object[] {1L, new JsonText("{\n\"a\": 1\n}")}), asIs.planFor(COLUMNS));
        assertEquals("{\"id\":1,\"v\":{ \"a\": 1 }}", new String(document, StandardCharsets.UTF_8));
    }

    @Test
    void jsonTextThatCameAsUtf8BytesIsWrittenAsTheSameBytesOnOneLine() {
        byte[] utf8 = "{\r\n\"name\": \"Zoë\",\n\"n\": [1, 2.50]\n}".getBytes(StandardCharsets.UTF_8);
        byte[] kept = utf8.clone();
        JsonText fromBytes = JsonText.ofUtf8(utf8);
        assertEquals("{  \"name\": \"Zoë\", \"n\": [1, 2.50] }", converted(Kind.JSON, fromBytes));
        FieldSelection asIs = new FieldSelection("mappings[3]", new FieldsConfig(List.of(), List.of(), Map.of(), Map.of()));
        byte[] document = new DocumentSerializer().serialize(new RowImage(COLUMNS, new Object[] {1L, fromBytes}),
                asIs.planFor(COLUMNS));
        assertEquals("{\"id\":1,\"v\":{  \"name\": \"Zoë\", \"n\": [1, 2.50] }}",
                new String(document, StandardCharsets.UTF_8));
        assertTrue(java.util.Arrays.equals(kept, utf8), "the value's own bytes are left as they were");
        assertEquals(new JsonText(new String(kept, StandardCharsets.UTF_8)), fromBytes);
        assertEquals("{\r\n\"name\": \"Zoë\",\n\"n\": [1, 2.50]\n}", fromBytes.json());
        // a longer value than the generator's buffer holds at once goes through as well
        String big = "[" + "\"é\",".repeat(20_000) + "1]";
        assertEquals(big, converted(Kind.JSON, JsonText.ofUtf8(big.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void jsonBytesAreReadAsUtf8() {
        assertEquals("{\"name\":\"Zoë\"}", converted(Kind.JSON, UTF8_JSON));
    }

    @Test
    void jsonLeavesValuesThatAreJsonAlreadyAsTheyAre() {
        assertEquals("{\"a\":1}", converted(Kind.JSON, new JsonText("{\"a\":1}")));
        assertEquals("null", converted(Kind.JSON, null));
        assertEquals("7", converted(Kind.JSON, 7L));
        assertEquals("[\"a\",\"b\"]", converted(Kind.JSON, List.of("a", "b")));
    }

    @Test
    void textThatIsNotJsonStopsWithThePathTheColumnAndTheValue() {
        IllegalArgumentException error = refused(Kind.JSON, "{\"a\":");
        assertNames(error, "mappings[3].fields.convert.v:", "column v", "\"{\"a\":\"", "not JSON", "end-of-input",
                "change or remove this conversion");
        assertNames(refused(Kind.JSON, "{'a': 1}"), "not JSON", "at character 2");
        assertNames(refused(Kind.JSON, "{} {}"), "more follows the first value, at character 4");
        assertNames(refused(Kind.JSON, "   "), "it is empty");
        assertNames(refused(Kind.JSON, "nul".getBytes(StandardCharsets.UTF_8)), "holds \"nul\"");
    }

    @Test
    void theErrorShowsOnlyTheFirst80CharactersOfTheValue() {
        String first80 = "[" + "1,".repeat(39) + "2";
        IllegalArgumentException error = refused(Kind.JSON, first80 + "BEYOND");
        assertNames(error, "holds \"" + first80 + "...\"");
        assertFalse(error.getMessage().contains("BEYOND"), error.getMessage());
    }

    // --- split -------------------------------------------------------------------------------------------------

    @Test
    void splitCutsAtCommasTrimsAndDropsEmptyParts() {
        assertEquals("[\"red\",\"green\",\"blue\"]", converted(Kind.SPLIT, "red,green , blue"));
        assertEquals("[\"a\",\"b c\"]", converted(Kind.SPLIT, " , a,,\tb c ,\n"));
        assertEquals("[\"single\"]", converted(Kind.SPLIT, "single"));
        assertEquals("[]", converted(Kind.SPLIT, ""));
        assertEquals("[]", converted(Kind.SPLIT, " , "));
    }

    @Test
    void splitUsesTheConfiguredSeparator() {
        assertEquals("[\"a,b\",\"c\"]", converted(new FieldConversion(Kind.SPLIT, ";"), "a,b; c;"));
        assertEquals("[\"a\",\"b\"]", converted(new FieldConversion(Kind.SPLIT, "||"), "a || b||"));
    }

    @Test
    void splitKeepsASetAnArrayAndNullNull() {
        assertEquals("[\"red\",\"blue\"]", converted(Kind.SPLIT, List.of("red", "blue")));
        assertEquals("null", converted(Kind.SPLIT, null));
    }

    @Test
    void splitPutsTheTextOfAnyOtherValueInAOneElementArray() {
        assertEquals("[\"7\"]", converted(Kind.SPLIT, 7L));
        assertEquals("[\"19.90\"]", converted(Kind.SPLIT, new BigDecimal("19.90")));
        assertEquals("[\"AQI=\"]", converted(Kind.SPLIT, new byte[] {1, 2}));
        assertEquals("[\"2024-05-06\"]", converted(Kind.SPLIT, LocalDate.of(2024, 5, 6)));
        assertEquals("[\"[1,2]\"]", converted(Kind.SPLIT, new JsonText("[1,2]")));
    }

    // --- epoch-millis ------------------------------------------------------------------------------------------

    @Test
    void epochMillisBecomeAnIsoInstantWithAFractionOnlyWhenNotZero() {
        assertEquals("\"2024-05-06T07:08:09.123Z\"", converted(Kind.EPOCH_MILLIS, 1_714_979_289_123L));
        assertEquals("\"2024-05-06T07:08:09Z\"", converted(Kind.EPOCH_MILLIS, 1_714_979_289_000L));
        assertEquals("\"2024-05-06T07:08:09.1Z\"", converted(Kind.EPOCH_MILLIS, 1_714_979_289_100L));
        assertEquals("\"1970-01-01T00:00:00Z\"", converted(Kind.EPOCH_MILLIS, 0));
        assertEquals("\"1969-12-31T23:59:59.999Z\"", converted(Kind.EPOCH_MILLIS, -1L));
    }

    @Test
    void epochMillisAcceptEveryIntegerTypeAndNumericText() {
        String expected = "\"2024-05-06T07:08:09.123Z\"";
        assertEquals(expected, converted(Kind.EPOCH_MILLIS, BigInteger.valueOf(1_714_979_289_123L)));
        assertEquals(expected, converted(Kind.EPOCH_MILLIS, new BigDecimal("1714979289123")));
        assertEquals(expected, converted(Kind.EPOCH_MILLIS, new BigDecimal("1714979289123.000")));
        assertEquals(expected, converted(Kind.EPOCH_MILLIS, " 1714979289123 "));
        assertEquals(expected, converted(Kind.EPOCH_MILLIS, 1.714979289123E12));
        assertEquals("null", converted(Kind.EPOCH_MILLIS, null));
    }

    @Test
    void aValueThatIsNotWholeMillisecondsStopsWithThePathTheColumnAndTheValue() {
        assertNames(refused(Kind.EPOCH_MILLIS, "yesterday"), "mappings[3].fields.convert.v:", "column v",
                "holds \"yesterday\"", "not a whole number of milliseconds");
        assertNames(refused(Kind.EPOCH_MILLIS, new BigDecimal("1.5")), "holds \"1.5\"");
        assertNames(refused(Kind.EPOCH_MILLIS, BigInteger.TWO.pow(64)), "holds \"18446744073709551616\"");
        assertNames(refused(Kind.EPOCH_MILLIS, LocalDate.of(2024, 5, 6)), "holds \"2024-05-06\"");
        assertNames(refused(Kind.EPOCH_MILLIS, new byte[] {1}), "holds \"AQ==\"");
        assertNames(refused(Kind.EPOCH_MILLIS, ""), "holds \"\"");
        assertNames(refused(Kind.EPOCH_MILLIS, Double.NaN), "holds \"NaN\"");
    }

    // --- string ------------------------------------------------------------------------------------------------

    @Test
    void stringWritesTheTextOfAnyValueNumbersExactly() {
        assertEquals("\"19.90\"", converted(Kind.STRING, new BigDecimal("19.90")));
        assertEquals("\"1000\"", converted(Kind.STRING, new BigDecimal("1E+3")));
        assertEquals("\"42\"", converted(Kind.STRING, 42L));
        assertEquals("\"18446744073709551616\"", converted(Kind.STRING, BigInteger.TWO.pow(64)));
        assertEquals("\"1.5\"", converted(Kind.STRING, 1.5d));
        assertEquals("\"AQI=\"", converted(Kind.STRING, new byte[] {1, 2}));
        assertEquals("\"2024-05-06T07:08:09.123456\"",
                converted(Kind.STRING, LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000)));
        assertEquals("\"2024-05-06T07:08:09Z\"", converted(Kind.STRING, Instant.ofEpochSecond(1_714_979_289L)));
        assertEquals("\"{\\\"a\\\":1}\"", converted(Kind.STRING, new JsonText("{\"a\":1}")));
        assertEquals("\"red,blue\"", converted(Kind.STRING, List.of("red", "blue")));
        assertEquals("\"text\"", converted(Kind.STRING, "text"));
        assertEquals("null", converted(Kind.STRING, null));
    }

    // --- the plan ----------------------------------------------------------------------------------------------

    @Test
    void eachFieldGetsItsWriterOncePerPlan() {
        FieldSelection fields = new FieldSelection("mappings[0]", new FieldsConfig(List.of(), List.of(), Map.of(),
                Map.of("v", FieldConversion.of(Kind.STRING))));
        FieldSelection.Plan plan = fields.planFor(COLUMNS);

        assertEquals(FieldWriter.AS_IS, plan.writers()[0]);
        assertTrue(plan.writers()[1] != FieldWriter.AS_IS);
        assertTrue(plan == fields.planFor(COLUMNS), "the plan is kept for the same columns");
    }
}
