package io.binlogsync.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.binlogsync.mapping.DeleteDocument;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.IndexDocument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ceiling's request bodies, built before its clock starts: the daemon's captured operations (the same ids,
 * external versions, document bytes, and index/delete actions in binlog order) as NDJSON {@code _bulk} bodies of
 * {@code bulkSize} actions each. At the full size they take about 90 MiB of the 256 MiB heap, and nothing else of
 * the benchmark is held while they are sent.
 */
final class PrebuiltBulkBodies {
    private static final JsonFactory JSON = new JsonFactory();

    private PrebuiltBulkBodies() {
    }

    static List<byte[]> build(Path captured, String index, int bulkSize) throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        CapturedDocuments.replay(captured, index, bulkSize, batch -> bodies.add(body(batch)));
        return bodies;
    }

    private static byte[] body(List<DocumentOperation> batch) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(batch.size() * 256);
        try (JsonGenerator action = JSON.createGenerator(body)) {
            for (DocumentOperation operation : batch) {
                action.writeStartObject();
                action.writeObjectFieldStart(operation instanceof DeleteDocument ? "delete" : "index");
                action.writeStringField("_index", operation.index());
                action.writeStringField("_id", operation.id());
                action.writeNumberField("version", operation.version());
                action.writeStringField("version_type", "external");
                action.writeEndObject();
                action.writeEndObject();
                action.flush();
                body.write('\n');
                if (operation instanceof IndexDocument document) {
                    body.write(document.source());
                    body.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build a bulk body in memory", e);
        }
        return body.toByteArray();
    }
}
