package io.binlogsync.sink.es;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a {@code _bulk} response as a stream, item by item in request order, calling back only for the items that
 * failed: no object per item. Elasticsearch writes {@code errors} before {@code items}, so a response without
 * errors is put down at its first field. Expects the response cut down by {@link #FILTER_PATH}.
 */
final class BulkResponseReader {
    /** What the sink reads of a response: whether any item failed, and each item's status and error. */
    static final String FILTER_PATH = "errors,items.*.status,items.*.error.type,items.*.error.reason,"
            + "items.*.error.caused_by.reason";

    private static final JsonFactory JSON = new JsonFactory();

    /** Called for each failed item; {@code position} is the item's place in the request, from 0. */
    @FunctionalInterface
    interface ItemFailures {
        void failed(int position, int status, String type, String reason, String causedBy);
    }

    private BulkResponseReader() {
    }

    /** Reads a response, calling {@code failures} for each failed item; returns whether any item failed. */
    static boolean read(InputStream response, ItemFailures failures) throws IOException {
        try (JsonParser parser = JSON.createParser(response)) {
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
            boolean errors = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("errors".equals(field)) {
                    errors = value == JsonToken.VALUE_TRUE;
                    if (!errors) {
                        return false;
                    }
                } else if ("items".equals(field) && value == JsonToken.START_ARRAY) {
                    readItems(parser, failures);
                } else {
                    parser.skipChildren();
                }
            }
            return errors;
        }
    }

    private static void readItems(JsonParser parser, ItemFailures failures) throws IOException {
        int position = 0;
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            // {"index": {"status": 409, "error": {...}}}: one field, named by the action
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
                readItem(parser, position, failures);
            }
            position++;
        }
        expect(parser, parser.currentToken(), JsonToken.END_ARRAY);
    }

    private static void readItem(JsonParser parser, int position, ItemFailures failures) throws IOException {
        int status = 0;
        Cause error = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("status".equals(field)) {
                status = parser.getValueAsInt();
            } else if ("error".equals(field)) {
                error = value == JsonToken.START_OBJECT ? cause(parser) : new Cause(null, parser.getValueAsString(), null);
            } else {
                parser.skipChildren();
            }
        }
        if (error != null) {
            failures.failed(position, status, error.type(), error.reason(), error.causedBy());
        }
    }

    /** An error object as Elasticsearch writes it; read only for failures, so an object each is no cost. */
    private record Cause(String type, String reason, String causedBy) {
    }

    /** Reads the error object the parser stands at the start of, leaving the parser at its end. */
    private static Cause cause(JsonParser parser) throws IOException {
        String type = null;
        String reason = null;
        String causedBy = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "type" -> type = parser.getValueAsString();
                case "reason" -> reason = parser.getValueAsString();
                case "caused_by" -> causedBy = value == JsonToken.START_OBJECT
                        ? cause(parser).reason() : parser.getValueAsString();
                default -> parser.skipChildren();
            }
        }
        return new Cause(type, reason, causedBy);
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser,
                    "bulk response: expected " + expected + ", found " + actual);
        }
    }
}
