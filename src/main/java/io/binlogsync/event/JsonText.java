package io.binlogsync.event;

import java.nio.charset.StandardCharsets;

/**
 * A column value that is already JSON text (a MySQL JSON column), to be embedded as JSON, not as a string. Made
 * from text, or from the UTF-8 bytes the binlog carried: then the text is decoded only when something asks for it,
 * since a document embeds the bytes as they came. Equal when the text is.
 */
public final class JsonText {
    /** The text it was made from; null when made from bytes. */
    private final String text;
    private final byte[] utf8;
    /** The bytes' text, decoded at the first {@link #json()}; a String is safe to publish through a race. */
    private String decoded;

    public JsonText(String json) {
        this.text = json;
        this.utf8 = null;
    }

    private JsonText(byte[] utf8) {
        this.text = null;
        this.utf8 = utf8;
    }

    /** @param utf8 JSON text as UTF-8, handed over: nobody writes to the array afterwards */
    public static JsonText ofUtf8(byte[] utf8) {
        return new JsonText(utf8);
    }

    public String json() {
        if (utf8 == null) {
            return text;
        }
        String json = decoded;
        if (json == null) {
            json = new String(utf8, StandardCharsets.UTF_8);
            decoded = json;
        }
        return json;
    }

    /** The UTF-8 bytes it was made from, or null when it was made from text. Do not write to them. */
    public byte[] utf8OrNull() {
        return utf8;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonText that && java.util.Objects.equals(json(), that.json());
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(json());
    }

    @Override
    public String toString() {
        return "JsonText[json=" + json() + "]";
    }
}
