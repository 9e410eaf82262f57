package io.binlogsync.config;

import io.binlogsync.config.FieldConversion.Kind;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a mapping's {@code fields.convert}: column name to a conversion, written by its name
 * ({@code colors = split}) or as an object ({@code colors { to = split, separator = ";" }}).
 */
final class FieldConversionsReader {

    private FieldConversionsReader() {
    }

    static Optional<Map<String, FieldConversion>> read(Section convert) {
        Optional<Set<String>> columns = convert.keys();
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        Map<String, FieldConversion> conversions = new LinkedHashMap<>();
        boolean valid = true;
        for (String column : columns.orElseThrow()) {
            Optional<FieldConversion> conversion = conversion(convert, column);
            conversion.ifPresent(found -> conversions.put(column, found));
            valid &= conversion.isPresent();
        }
        return valid ? Optional.of(conversions) : Optional.empty();
    }

    private static Optional<FieldConversion> conversion(Section convert, String column) {
        if (column.isBlank()) {
            convert.problem(column, "the column name is empty; write a column name or remove the entry");
            return Optional.empty();
        }
        if (convert.isObject(column)) {
            return objectForm(convert.section(column));
        }
        return convert.string(column).flatMap(name -> kind(convert, column, name)).map(FieldConversion::of);
    }

    private static Optional<FieldConversion> objectForm(Section conversion) {
        Optional<Kind> kind = conversion.requiredString("to", "name the conversion, e.g. to = split")
                .flatMap(name -> kind(conversion, "to", name));
        Optional<String> separator = conversion.optionalString("separator", false);
        conversion.rejectUnknownKeys();
        if (kind.isEmpty() || separator.isEmpty()) {
            return kind.map(FieldConversion::of);
        }
        if (kind.orElseThrow() != Kind.SPLIT) {
            conversion.problem("separator", "only split takes a separator; remove it, or write to = split");
            return Optional.empty();
        }
        if (separator.orElseThrow().isEmpty()) {
            conversion.problem("separator", "the separator is empty; write the text to split at, e.g."
                    + " separator = \";\", or remove it to split at commas");
            return Optional.empty();
        }
        return Optional.of(new FieldConversion(Kind.SPLIT, separator.orElseThrow()));
    }

    private static Optional<Kind> kind(Section section, String key, String name) {
        Optional<Kind> kind = Kind.fromConfigValue(name);
        if (kind.isEmpty()) {
            section.problem(key, "`" + ConfigValueText.abbreviated(name) + "` is not a conversion; write one of "
                    + Kind.allConfigValues());
        }
        return kind;
    }
}
