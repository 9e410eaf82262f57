package io.binlogsync.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.UnrepresentableValue;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a row's selected columns as a JSON document, once, straight to bytes: each value as it comes
 * ({@link JsonValueWriter}) or through the conversion its field is configured with. One generator serves every
 * document (a document is a root value; no separator between them), since making one per row cost more than
 * writing most rows. One instance per thread.
 */
final class DocumentSerializer {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder().rootValueSeparator((String) null).build();
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);
    private JsonGenerator json;

    byte[] serialize(RowImage row, FieldSelection.Plan plan) {
        buffer.reset();
        try {
            if (json == null) {
                json = FACTORY.createGenerator(buffer);
            }
            json.writeStartObject();
            int[] indexes = plan.columnIndexes();
            String[] names = plan.fieldNames();
            SerializableString[] encodedNames = plan.encodedNames();
            FieldWriter[] writers = plan.writers();
            for (int i = 0; i < indexes.length; i++) {
                if (encodedNames[i] != null) {
                    json.writeFieldName(encodedNames[i]);
                } else {
                    json.writeFieldName(names[i]);
                }
                Object value = row.get(indexes[i]);
                // a zero or impossible date: null in the document, whatever the conversion
                writers[i].write(json, value instanceof UnrepresentableValue ? null : value);
            }
            json.writeEndObject();
            json.flush();
        } catch (IOException e) {
            discardGenerator();
            throw new UncheckedIOException("cannot serialise a row of " + row.columns().names(), e);
        } catch (RuntimeException e) {
            // a conversion refused a value halfway through a document: the generator is inside it for good
            discardGenerator();
            throw e;
        }
        return buffer.toByteArray();
    }

    private void discardGenerator() {
        JsonGenerator broken = json;
        json = null;
        try {
            if (broken != null) {
                broken.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // its half document is thrown away with it
        }
        buffer.reset();
    }
}
