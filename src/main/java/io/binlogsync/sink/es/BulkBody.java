package io.binlogsync.sink.es;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.binlogsync.mapping.DeleteDocument;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.IndexDocument;
import org.apache.http.HttpEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The NDJSON body of one {@code _bulk} request, written into a buffer that is reset, not reallocated, from request
 * to request. Action lines go through Jackson's generator (so index names and ids are escaped as JSON requires);
 * each document's source is copied as the bytes mapping serialised. Not thread-safe: one body per request in flight.
 */
final class BulkBody {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");

    private final Buffer buffer = new Buffer();
    private final JsonGenerator actions;

    BulkBody() {
        try {
            actions = JSON.createGenerator(buffer);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write into memory", e);
        }
        actions.setRootValueSeparator(null);
        actions.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
    }

    /** Empties the body, keeping its buffer. */
    BulkBody reset() {
        buffer.reset();
        return this;
    }

    /** Appends the action line of the operation and, for an index, its source. */
    void add(DocumentOperation operation) {
        try {
            write(operation);
        } catch (IOException e) {
            // the generator writes into memory and escapes any string (even a lone surrogate): not expected
            throw new UncheckedIOException("cannot write the bulk action of document '" + operation.id() + "'", e);
        }
    }

    private void write(DocumentOperation operation) throws IOException {
        // Java 17: no pattern switch yet; DocumentOperation is sealed to these two
        if (operation instanceof IndexDocument index) {
            action("index", index);
            buffer.writeBytes(index.source());
            buffer.write('\n');
        } else if (operation instanceof DeleteDocument delete) {
            action("delete", delete);
        }
    }

    private void action(String name, DocumentOperation operation) throws IOException {
        actions.writeStartObject();
        actions.writeObjectFieldStart(name);
        actions.writeStringField("_index", operation.index());
        actions.writeStringField("_id", operation.id());
        actions.writeNumberField("version", operation.version());
        actions.writeStringField("version_type", "external");
        actions.writeEndObject();
        actions.writeEndObject();
        actions.flush();
        buffer.write('\n');
    }

    /** The body as a request entity over the buffer itself (valid until the next {@link #reset}). */
    HttpEntity entity() {
        return new NByteArrayEntity(buffer.bytes(), 0, buffer.size(), NDJSON);
    }

    /** Bytes written so far. */
    int size() {
        return buffer.size();
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer.bytes(), buffer.size());
    }

    /** Gives the request its bytes without the copy {@link ByteArrayOutputStream#toByteArray} makes. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(64 * 1024);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
