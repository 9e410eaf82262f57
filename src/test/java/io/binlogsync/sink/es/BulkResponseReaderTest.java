package io.binlogsync.sink.es;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Responses shaped as Elasticsearch 8 writes them under {@link BulkResponseReader#FILTER_PATH}. */
class BulkResponseReaderTest {

    record Failure(int position, int status, String type, String reason, String causedBy) {
    }

    @Test
    void withoutErrorsTheItemsAreNotRead() throws IOException {
        List<Failure> failures = new ArrayList<>();
        // errors comes first: what follows it is never parsed (here it is not even JSON)
        assertFalse(BulkResponseReader.read(stream("{\"errors\":false,\"items\":[{\"index\":{\"status\":201}},"
                + "{\"delete\":{\"status\":404}} not json at all"), failures(failures)));
        assertEquals(List.of(), failures);
    }

    /** Answers of Elasticsearch 8.19.8 to two bulk requests under FILTER_PATH, as captured (curl). */
    @Test
    void elasticsearch8AnswersAsCaptured() throws IOException {
        List<Failure> failures = new ArrayList<>();
        // an index that created the document, a delete of a missing one (404 without error: not a failure)
        assertFalse(BulkResponseReader.read(stream(
                "{\"errors\":false,\"items\":[{\"index\":{\"status\":201}},{\"delete\":{\"status\":404}}]}"),
                failures(failures)));
        assertTrue(BulkResponseReader.read(stream("""
                {"errors":true,"items":[{"index":{"status":409,"error":{"type":"version_conflict_engine_exception",\
                "reason":"[a\\"b]: version conflict, current version [5] is higher or equal to the one provided [3]"}}},\
                {"index":{"status":400,"error":{"type":"document_parsing_exception","reason":"[1:6] failed to parse field\
                 [v] of type [integer] in document with id '2'. Preview of field's value: 'x'","caused_by":{"reason":\
                "For input string: \\"x\\""}}}},{"index":{"status":400,"error":{"type":"strict_dynamic_mapping_exception",\
                "reason":"[1:6] mapping set to strict, dynamic introduction of [w] within [_doc] is not allowed"}}},\
                {"index":{"status":201}}]}"""), failures(failures)));
        assertEquals(List.of(
                new Failure(0, 409, "version_conflict_engine_exception",
                        "[a\"b]: version conflict, current version [5] is higher or equal to the one provided [3]", null),
                new Failure(1, 400, "document_parsing_exception", "[1:6] failed to parse field [v] of type [integer] in"
                        + " document with id '2'. Preview of field's value: 'x'", "For input string: \"x\""),
                new Failure(2, 400, "strict_dynamic_mapping_exception",
                        "[1:6] mapping set to strict, dynamic introduction of [w] within [_doc] is not allowed", null)),
                failures);
    }

    @Test
    void withoutErrorsAndWithTheUnfilteredFieldsAsWell() throws IOException {
        List<Failure> failures = new ArrayList<>();
        assertFalse(BulkResponseReader.read(stream("{\"took\":30,\"errors\":false,\"items\":[{\"index\":{\"_index\":"
                + "\"test\",\"_id\":\"1\",\"_version\":1,\"result\":\"created\",\"_shards\":{\"total\":2,\"successful\":1,"
                + "\"failed\":0},\"status\":201,\"_seq_no\":0,\"_primary_term\":1}}]}"), failures(failures)));
        assertEquals(List.of(), failures);
    }

    @Test
    void failedItemsAreReportedWithTheirPlaceInTheRequestAndSucceededOnesSkipped() throws IOException {
        String response = """
                {"errors":true,"items":[\
                {"index":{"status":201}},\
                {"index":{"status":409,"error":{"type":"version_conflict_engine_exception",\
                "reason":"[7]: version conflict, current version [12] is higher or equal to the one provided [9]"}}},\
                {"delete":{"status":404}},\
                {"index":{"status":429,"error":{"type":"es_rejected_execution_exception",\
                "reason":"rejected execution of coordinating operation"}}},\
                {"index":{"status":400,"error":{"type":"document_parsing_exception",\
                "reason":"[1:8] failed to parse field [v] of type [integer] in document with id 'a\\"b'.",\
                "caused_by":{"reason":"For input string: \\"x\\""}}}},\
                {"delete":{"status":503,"error":{"type":"unavailable_shards_exception","reason":"primary shard is not active"}}},\
                {"index":{"status":200}}]}""";
        List<Failure> failures = new ArrayList<>();
        assertTrue(BulkResponseReader.read(stream(response), failures(failures)));
        assertEquals(List.of(
                new Failure(1, 409, "version_conflict_engine_exception",
                        "[7]: version conflict, current version [12] is higher or equal to the one provided [9]", null),
                new Failure(3, 429, "es_rejected_execution_exception", "rejected execution of coordinating operation", null),
                new Failure(4, 400, "document_parsing_exception",
                        "[1:8] failed to parse field [v] of type [integer] in document with id 'a\"b'.",
                        "For input string: \"x\""),
                new Failure(5, 503, "unavailable_shards_exception", "primary shard is not active", null)), failures);
    }

    @Test
    void errorFieldsTheFilterWouldDropAreSkippedWhenPresent() throws IOException {
        String response = "{\"took\":3,\"errors\":true,\"items\":[{\"index\":{\"_index\":\"p\",\"_id\":\"1\",\"status\":400,"
                + "\"error\":{\"type\":\"strict_dynamic_mapping_exception\",\"reason\":\"[1:2] mapping set to strict\","
                + "\"index_uuid\":\"aAsFqTI0Tc2W0LCWgPNrOA\",\"shard\":\"0\",\"index\":\"p\",\"caused_by\":{\"type\":\"x\","
                + "\"reason\":\"inner\",\"caused_by\":{\"type\":\"y\",\"reason\":\"innermost\"}}}}}]}";
        List<Failure> failures = new ArrayList<>();
        assertTrue(BulkResponseReader.read(stream(response), failures(failures)));
        assertEquals(List.of(new Failure(0, 400, "strict_dynamic_mapping_exception", "[1:2] mapping set to strict",
                "inner")), failures);
    }

    @Test
    void aTruncatedResponseIsAnError() {
        assertThrows(IOException.class, () -> BulkResponseReader.read(
                stream("{\"errors\":true,\"items\":[{\"index\":{\"status\":201}},"), failures(new ArrayList<>())));
        assertThrows(IOException.class, () -> BulkResponseReader.read(stream("<html>bad gateway</html>"),
                failures(new ArrayList<>())));
    }

    private static BulkResponseReader.ItemFailures failures(List<Failure> into) {
        return (position, status, type, reason, causedBy) -> into.add(new Failure(position, status, type, reason, causedBy));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
