package io.binlogsync.runtime;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Columns whose values a dynamic mapping would type wrongly, for {@code check}: BIGINT UNSIGNED (values
 * above 2^63 do not fit {@code long}), DOUBLE (dynamic mapping makes {@code float}, which refuses values beyond
 * 3.4e38) and DECIMAL (written as an exact JSON number, which dynamic mapping makes {@code float}: seven digits).
 */
final class DynamicMappingRisks {
    private static final Set<String> FITS_UNSIGNED = Set.of("unsigned_long", "keyword", "text", "wildcard");
    private static final Set<String> FITS_DOUBLE = Set.of("double", "keyword", "text");
    private static final Set<String> FITS_DECIMAL = Set.of("double", "scaled_float", "keyword", "text");

    private DynamicMappingRisks() {
    }

    /**
     * Why the field of this column is or would be typed wrongly, with the mapping that fixes it.
     *
     * @param fieldType the field's type in the index or the configured mapping; empty when dynamic mapping decides
     */
    static Optional<String> of(String field, String dataType, boolean unsigned, Optional<String> fieldType) {
        String type = dataType.toLowerCase(Locale.ROOT);
        String column = type.toUpperCase(Locale.ROOT) + (unsigned ? " UNSIGNED" : "");
        String mapped = fieldType.map(t -> "is mapped as " + t).orElse("has no mapping; dynamic mapping makes it "
                + (type.equals("bigint") ? "long" : "float"));
        if (type.equals("bigint") && unsigned) {
            return risk(FITS_UNSIGNED, fieldType, field, column, mapped, "values above 2^63 do not fit long",
                    "unsigned_long (or keyword)");
        }
        if (type.equals("double")) {
            return risk(FITS_DOUBLE, fieldType, field, column, mapped, "float refuses values beyond 3.4e38 and keeps"
                    + " 7 digits", "double");
        }
        if (type.equals("decimal")) {
            return risk(FITS_DECIMAL, fieldType, field, column, mapped, "float keeps 7 digits of the exact value",
                    "scaled_float with scaling_factor 10^scale (or double, or keyword for exact text)");
        }
        return Optional.empty();
    }

    private static Optional<String> risk(Set<String> fits, Optional<String> fieldType, String field, String column,
                                         String mapped, String why, String fix) {
        if (fieldType.isPresent() && fits.contains(fieldType.get())) {
            return Optional.empty();
        }
        String firstType = fix.split(" ")[0];
        return Optional.of("field " + field + " (" + column + ") " + mapped + ": " + why + "; map it as " + fix
                + ", e.g. index-mappings { properties { " + field + " { type = " + firstType
                + (firstType.equals("scaled_float") ? ", scaling_factor = 100" : "") + " } } }");
    }
}
