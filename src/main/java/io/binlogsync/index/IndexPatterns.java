package io.binlogsync.index;

import com.fasterxml.jackson.databind.JsonNode;

/** The index patterns of index templates: {@code *} matches any run of characters. */
public final class IndexPatterns {
    private IndexPatterns() {
    }

    /** Whether an index template pattern ({@code *} matches any run of characters) matches {@code index}. */
    public static boolean matches(String pattern, String index) {
        String[] parts = pattern.split("\\*", -1);
        if (parts.length == 1) {
            return pattern.equals(index);
        }
        if (!index.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = index.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return index.length() - at >= last.length() && index.endsWith(last);
    }

    /** Whether any of the patterns (a JSON array or a single string) matches {@code index}. */
    static boolean anyMatches(JsonNode patterns, String index) {
        if (patterns.isTextual()) {
            return matches(patterns.asText(), index);
        }
        for (JsonNode pattern : patterns) {
            if (matches(pattern.asText(), index)) {
                return true;
            }
        }
        return false;
    }
}
