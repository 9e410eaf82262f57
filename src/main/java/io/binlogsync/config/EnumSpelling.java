package io.binlogsync.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How an enum constant is written in the configuration file: lowercase, words joined by '-' (epoch-millis). */
final class EnumSpelling {

    private EnumSpelling() {
    }

    /** {@code EPOCH_MILLIS} is written {@code epoch-millis}. */
    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant {@code text} spells, ignoring case and surrounding spaces. */
    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> of(constant).equalsIgnoreCase(text.trim()))
                .findFirst();
    }

    /** Every spelling in declaration order, for messages: {@code json, split, epoch-millis, string}. */
    static String all(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(EnumSpelling::of).collect(Collectors.joining(", "));
    }
}
