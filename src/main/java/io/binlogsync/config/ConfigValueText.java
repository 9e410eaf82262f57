package io.binlogsync.config;

import com.typesafe.config.ConfigValue;

/** Describes a configuration value for a problem message, hiding secrets. */
final class ConfigValueText {

    private static final int MAX_LENGTH = 60;

    private ConfigValueText() {
    }

    /** {@code "abc"}, {@code number 3.5}, {@code a list}; for a secret only its type, never its text. */
    static String describe(ConfigValue value, boolean secret) {
        return switch (value.valueType()) {
            case OBJECT -> "an object";
            case LIST -> "a list";
            case NULL -> "null";
            case STRING -> secret ? "a string" : "\"" + abbreviated(String.valueOf(value.unwrapped())) + "\"";
            case NUMBER -> secret ? "a number" : "number " + value.unwrapped();
            case BOOLEAN -> secret ? "a boolean" : "boolean " + value.unwrapped();
        };
    }

    /** A number as the user would write it: 70000, not 70000.0. */
    static String number(Number number) {
        double value = number.doubleValue();
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : number.toString();
    }

    static String abbreviated(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
    }
}
