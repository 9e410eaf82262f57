package io.binlogsync.event;

import java.nio.charset.StandardCharsets;

/**
 * A column value that is already JSON text (a MySQL JSON column), to be embedded as JSON, not as a string. Made
 * from text, or from the UTF-8 bytes the binlog carried: then the text is decoded only when something asks for it,
 * since a document embeds the bytes as they came. Equal when the text is.
 */
public final class JsonText {
    private final byte[] utf8;
    /** Decoded at the first {@link #json()} when made from bytes; a String is safe to publish through a race. */
    private String json;

    public JsonText(String json) {
        this.json = json;
        this.utf8 = null;
    }

    private JsonText(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** @param utf8 JSON text as UTF-8, handed over: nobody writes to the array afterwards */
    public static JsonText ofUtf8(byte[] utf8) {
        return new JsonText(utf8);
    }

    public String json() {
        String text = json;
        if (text == null && utf8 != null) {
            text = new String(utf8, StandardCharsets.UTF_8);
            json = text;
        }
        return text;
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
