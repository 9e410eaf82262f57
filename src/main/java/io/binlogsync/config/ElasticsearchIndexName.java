package io.binlogsync.config;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The rules Elasticsearch applies to index names, checked before we ever talk to it. */
final class ElasticsearchIndexName {

    private static final String FORBIDDEN = "\\/*?\"<>| ,#:";
    private static final int MAX_BYTES = 255;

    private ElasticsearchIndexName() {
    }

    /** Empty if Elasticsearch accepts {@code name}; otherwise what is wrong and how to fix it. */
    static Optional<String> problemWith(String name) {
        if (name.isEmpty()) {
            return Optional.of("the index name is empty; name the Elasticsearch index, e.g. index = \"products\"");
        }
        String shown = "`" + ConfigValueText.abbreviated(name) + "`";
        if (!name.equals(name.toLowerCase(Locale.ROOT))) {
            return Optional.of(shown + " has uppercase letters, which Elasticsearch does not allow in index names; "
                    + "write `" + ConfigValueText.abbreviated(name.toLowerCase(Locale.ROOT)) + "`");
        }
        if (name.startsWith("-") || name.startsWith("_") || name.startsWith("+")) {
            return Optional.of(shown + " starts with '" + name.charAt(0) + "', which Elasticsearch does not allow;"
                    + " start the index name with a letter or digit");
        }
        for (char c : name.toCharArray()) {
            if (FORBIDDEN.indexOf(c) >= 0) {
                return Optional.of(shown + " contains '" + c + "', which Elasticsearch does not allow in index"
                        + " names; remove it (not allowed: \\ / * ? \" < > | , # : and spaces)");
            }
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of(shown + " is not a valid index name; name the index, e.g. index = \"products\"");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("the index name is longer than " + MAX_BYTES + " bytes; shorten it");
        }
        return Optional.empty();
    }
}
