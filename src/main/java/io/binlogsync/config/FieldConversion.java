package io.binlogsync.config;

import java.util.Objects;
import java.util.Optional;

/**
 * How one column's value is converted on its way into the document ({@code fields.convert}); the document id and
 * the Redis keys keep the value as it is.
 *
 * @param kind      what the value becomes
 * @param separator where {@link Kind#SPLIT} cuts the text; {@value #DEFAULT_SEPARATOR} unless configured, and
 *                  unused by the other kinds
 */
public record FieldConversion(Kind kind, String separator) {

    public static final String DEFAULT_SEPARATOR = ",";

    public enum Kind {
        /** Text holding JSON becomes that JSON (an object, an array, ...). */
        JSON,
        /** Text becomes an array of its trimmed, non-empty parts. */
        SPLIT,
        /** Milliseconds since 1970-01-01 become ISO-8601 UTC instant text. */
        EPOCH_MILLIS,
        /** Any value becomes its text. */
        STRING;

        /** The spelling used in the configuration file: {@code json}, {@code epoch-millis}, ... */
        public String configValue() {
            return EnumSpelling.of(this);
        }

        /** Reads the configuration spelling, ignoring case. */
        public static Optional<Kind> fromConfigValue(String text) {
            return EnumSpelling.parse(Kind.class, text);
        }

        /** {@code json, split, epoch-millis, string}, for messages. */
        static String allConfigValues() {
            return EnumSpelling.all(Kind.class);
        }
    }

    public FieldConversion {
        Objects.requireNonNull(kind, "kind");
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("the separator of a conversion must not be empty");
        }
    }

    /** A conversion written by its name alone, e.g. {@code colors = split}. */
    public static FieldConversion of(Kind kind) {
        return new FieldConversion(kind, DEFAULT_SEPARATOR);
    }
}
