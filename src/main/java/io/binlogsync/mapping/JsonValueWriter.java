package io.binlogsync.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import io.binlogsync.event.JsonText;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;

/**
 * Writes a column value as JSON as it comes from the row: numbers exact (DECIMAL and unsigned BIGINT as JSON
 * numbers in full), binary as base64, dates and times as ISO-8601 text, JSON columns as nested JSON, SET as an
 * array.
 */
final class JsonValueWriter {
    private JsonValueWriter() {
    }

    /**
     * The JSON text with its line breaks made spaces: a document is one line of a {@code _bulk} body. JSON text
     * comes checked, and in valid JSON a raw line break can only be whitespace between tokens (inside a string it
     * must be escaped), so the value stays the same.
     */
    static String oneLine(String json) {
        if (json.indexOf('\n') < 0 && json.indexOf('\r') < 0) {
            return json;
        }
        return json.replace('\n', ' ').replace('\r', ' ');
    }

    /** {@link #oneLine(String)} for UTF-8 bytes (a copy when it changes anything): in UTF-8 a byte 10 or 13 is
     *  always that character. */
    static byte[] oneLine(byte[] utf8) {
        byte[] line = utf8;
        for (int i = 0; i < line.length; i++) {
            if (line[i] == '\n' || line[i] == '\r') {
                if (line == utf8) {
                    line = utf8.clone();
                }
                line[i] = ' ';
            }
        }
        return line;
    }

    /** Writes JSON text as a raw value on one line; the bytes it came as, when it came as bytes. */
    static void writeJson(JsonGenerator json, JsonText text) throws IOException {
        byte[] utf8 = text.utf8OrNull();
        if (utf8 != null) {
            json.writeRawValue(new RawJsonUtf8(oneLine(utf8)));
        } else {
            json.writeRawValue(oneLine(text.json()));
        }
    }

    static void write(JsonGenerator json, Object value) throws IOException {
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
            writeJson(json, text);
        } else if (value instanceof TemporalAccessor temporal) {
            TemporalText.write(json, temporal);
        } else if (value instanceof Collection<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                write(json, element);
            }
            json.writeEndArray();
        } else {
            json.writeString(value.toString());
        }
    }
}
