package io.binlogsync.mapping;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.Collection;

/**
 * {@code split}: text becomes an array of its parts between separators, each trimmed, empty ones left out
 * ({@code "red,green , blue,"} gives {@code ["red","green","blue"]}). A SET is an array already; null stays null;
 * any other value becomes a one-element array of its text.
 */
record SplitConversion(String separator) implements FieldWriter {

    @Override
    public void write(JsonGenerator json, Object value) throws IOException {
        if (value == null || value instanceof Collection<?>) {
            JsonValueWriter.write(json, value);
            return;
        }
        json.writeStartArray();
        if (value instanceof String text) {
            writeParts(json, text);
        } else {
            json.writeString(ValueText.of(value));
        }
        json.writeEndArray();
    }

    private void writeParts(JsonGenerator json, String text) throws IOException {
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf(separator, start);
            if (end < 0) {
                end = text.length();
            }
            writeTrimmed(json, text, start, end);
            start = end + separator.length();
        }
    }

    /** Writes {@code text[from, to)} without surrounding whitespace, unless nothing else is left. */
    private static void writeTrimmed(JsonGenerator json, String text, int from, int to) throws IOException {
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        if (from < to) {
            json.writeString(text.substring(from, to));
        }
    }
}
