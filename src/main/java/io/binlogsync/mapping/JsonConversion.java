package io.binlogsync.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code json}: text holding JSON (a string, or bytes as UTF-8) is embedded as that JSON. The text is checked
 * first and then written as it is, so numbers keep every digit and a broken document never reaches
 * Elasticsearch. Other values (null, JSON columns, numbers, SET) are JSON already and written as they come.
 */
record JsonConversion(ConversionSite site) implements FieldWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    @Override
    public void write(JsonGenerator json, Object value) throws IOException {
        if (value instanceof String text) {
            writeChecked(json, text);
        } else if (value instanceof byte[] bytes) {
            writeChecked(json, new String(bytes, StandardCharsets.UTF_8));
        } else {
            JsonValueWriter.write(json, value);
        }
    }

    private void writeChecked(JsonGenerator json, String text) throws IOException {
        Optional<String> problem = problemWith(text);
        if (problem.isPresent()) {
            throw site.invalid(text, "which is not JSON (" + problem.get() + ")");
        }
        json.writeRawValue(JsonValueWriter.oneLine(text));
    }

    /** Why {@code text} is not exactly one JSON value, if it is not. */
    private static Optional<String> problemWith(String text) throws IOException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                return Optional.of("it is empty");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return Optional.of("more follows the first value, at character "
                        + characterOf(parser.currentTokenLocation()));
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.of(e.getOriginalMessage() + " at character " + characterOf(e.getLocation()));
        }
    }

    private static long characterOf(JsonLocation location) {
        return location.getCharOffset() + 1;
    }
}
