package io.binlogsync.sink.es;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.DeleteDocument;
import io.binlogsync.mapping.IndexDocument;
import org.apache.http.HttpEntity;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BulkBodyTest {
    private static final TableId ITEMS = TableId.parse("shop.items");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anIndexIsItsActionLineWithTheExternalVersionThenTheSourceAsMappingWroteIt() throws Exception {
        BulkBody body = new BulkBody();
        body.add(new IndexDocument("products", "42", 8_589_934_692L, utf8("{\"id\":42,\"name\":\"Bär\"}"), ITEMS));
        assertEquals("{\"index\":{\"_index\":\"products\",\"_id\":\"42\",\"version\":8589934692,"
                + "\"version_type\":\"external\"}}\n{\"id\":42,\"name\":\"Bär\"}\n", text(body.toByteArray()));
    }

    @Test
    void aDeleteIsItsActionLineAlone() throws Exception {
        BulkBody body = new BulkBody();
        body.add(new DeleteDocument("products", "7", 12, ITEMS));
        body.add(new IndexDocument("products", "8", 13, utf8("{}"), ITEMS));
        assertEquals("{\"delete\":{\"_index\":\"products\",\"_id\":\"7\",\"version\":12,\"version_type\":\"external\"}}\n"
                + "{\"index\":{\"_index\":\"products\",\"_id\":\"8\",\"version\":13,\"version_type\":\"external\"}}\n{}\n",
                text(body.toByteArray()));
    }

    @Test
    void idsAndIndexNamesAreEscapedAsJson() throws Exception {
        List<String> ids = List.of("a\"b", "back\\slash", "tab\tnew\nline\u0001", "Grüße 東京 😀", "</script>", "");
        BulkBody body = new BulkBody();
        for (String id : ids) {
            body.add(new DeleteDocument("in\"dex\\ü", id, 1, ITEMS));
        }
        String[] lines = text(body.toByteArray()).split("\n", -1);
        assertEquals(ids.size() + 1, lines.length, "one line per delete, and the final newline");
        assertEquals("", lines[ids.size()]);
        for (int i = 0; i < ids.size(); i++) {
            JsonNode action = JSON.readTree(lines[i]).get("delete");
            assertEquals(ids.get(i), action.get("_id").asText());
            assertEquals("in\"dex\\ü", action.get("_index").asText());
        }
        assertTrue(lines[0].contains("\"_id\":\"a\\\"b\""), lines[0]);
        assertTrue(lines[1].contains("\"_id\":\"back\\\\slash\""), lines[1]);
        assertTrue(lines[2].contains("\"_id\":\"tab\\tnew\\nline\\u0001\""), lines[2]);
        // the BMP as UTF-8; beyond it Jackson writes the escaped surrogate pair, which JSON reads as the same character
        assertTrue(lines[3].contains("\"_id\":\"Grüße 東京 \\uD83D\\uDE00\""), lines[3]);
    }

    @Test
    void aResetBodyIsEmptyAndWritesAsNewOnItsKeptBuffer() throws Exception {
        BulkBody body = new BulkBody();
        body.add(new IndexDocument("products", "1", 1, utf8("{\"big\":\"" + "x".repeat(100_000) + "\"}"), ITEMS));
        body.reset();
        assertEquals(0, body.toByteArray().length);
        body.add(new DeleteDocument("products", "2", 2, ITEMS));
        byte[] expected = utf8("{\"delete\":{\"_index\":\"products\",\"_id\":\"2\",\"version\":2,\"version_type\":\"external\"}}\n");
        assertArrayEquals(expected, body.toByteArray());
        HttpEntity entity = body.entity();
        assertEquals(expected.length, entity.getContentLength());
        assertEquals("application/x-ndjson", entity.getContentType().getValue());
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        entity.writeTo(sent);
        assertArrayEquals(expected, sent.toByteArray(), "the entity is the body's bytes, nothing more");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
