package io.binlogsync.source.value;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.binlogsync.event.JsonText;

import java.io.IOException;

/**
 * The text of a JSON column (MariaDB's JSON is text with a json_valid check), checked to be exactly one JSON value
 * before it becomes {@link JsonText}: documents embed it raw, so text that is not JSON would break them. The same
 * check for rows from the binlog and from SELECTs (snapshot, resync, verify). Plain JSON passes a quick check
 * ({@link StrictJsonCheck}); the rest is judged by Jackson's parser.
 */
public final class JsonColumnText {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonColumnText() {
    }

    /** @throws IllegalArgumentException naming the column when the text is not one JSON value */
    public static JsonText checked(String text, String column) {
        if (StrictJsonCheck.accepts(text)) {
            return new JsonText(text);
        }
        try (JsonParser parser = JSON.createParser(text)) {
            requireOneValue(parser);
        } catch (IOException e) {
            throw notJson(column, e);
        }
        return new JsonText(text);
    }

    /**
     * The same for UTF-8 bytes, checked as bytes: a parser over bytes is cheaper than one over decoded text. The
     * bytes are kept as they are (documents embed them without decoding and encoding them again), so they are the
     * caller's no more.
     */
    static JsonText checkedUtf8(byte[] utf8, String column) {
        if (StrictJsonCheck.accepts(utf8)) {
            return JsonText.ofUtf8(utf8);
        }
        try (JsonParser parser = JSON.createParser(utf8)) {
            requireOneValue(parser);
        } catch (IOException e) {
            throw notJson(column, e);
        }
        return JsonText.ofUtf8(utf8);
    }

    private static void requireOneValue(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            parser.skipChildren();
        }
        if (parser.nextToken() != null) {
            throw new IOException("text after the JSON value");
        }
    }

    private static IllegalArgumentException notJson(String column, IOException e) {
        return new IllegalArgumentException("JSON column " + column + " holds text that is not JSON ("
                + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
}
