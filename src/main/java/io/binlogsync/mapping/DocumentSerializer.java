package io.binlogsync.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.binlogsync.event.JsonText;
import io.binlogsync.event.RowImage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;

/**
 * Writes a row's selected columns as a JSON document, once, straight to bytes. Numbers stay exact (DECIMAL and
 * unsigned BIGINT are written as JSON numbers in full), binary as base64, dates and times as ISO-8601 text,
 * JSON columns as nested JSON. One instance per thread.
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
            for (int i = 0; i < indexes.length; i++) {
                json.writeFieldName(names[i]);
                writeValue(json, row.get(indexes[i]));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise a row of " + row.columns().names(), e);
        }
        return buffer.toByteArray();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String string) {
            json.writeString(string);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            json.writeNumber(number.toPlainString());
        } else if (value instanceof BigInteger number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Float number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof byte[] bytes) {
            json.writeBinary(bytes);
        } else if (value instanceof JsonText text) {
            json.writeRawValue(text.json());
        } else if (value instanceof TemporalAccessor temporal) {
            json.writeString(TemporalText.of(temporal));
        } else if (value instanceof Collection<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                writeValue(json, element);
            }
            json.writeEndArray();
        } else {
            json.writeString(value.toString());
        }
    }
}
