package io.binlogsync.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.binlogsync.event.RowImage;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a row's selected columns as a JSON document, once, straight to bytes: each value as it comes
 * ({@link JsonValueWriter}) or through the conversion its field is configured with. One instance per thread.
 */
final class DocumentSerializer {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);

    byte[] serialize(RowImage row, FieldSelection.Plan plan) {
        buffer.reset();
        try (JsonGenerator json = FACTORY.createGenerator(buffer)) {
            json.writeStartObject();
            int[] indexes = plan.columnIndexes();
            String[] names = plan.fieldNames();
            FieldWriter[] writers = plan.writers();
            for (int i = 0; i < indexes.length; i++) {
                json.writeFieldName(names[i]);
                writers[i].write(json, row.get(indexes[i]));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise a row of " + row.columns().names(), e);
        }
        return buffer.toByteArray();
    }
}
