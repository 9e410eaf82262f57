package io.binlogsync.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a document id back into its key parts: the reverse of {@link TableMapping#documentId}, where a composite
 * key's values are joined with ':' and a ':' or '\' inside a value is escaped with '\'.
 */
public final class DocumentIds {
    private DocumentIds() {
    }

    /** The id's {@code parts} values, or empty when the id cannot have been made of that many. */
    public static Optional<List<String>> split(String id, int parts) {
        if (parts == 1) {
            return Optional.of(List.of(id));
        }
        List<String> values = new ArrayList<>(parts);
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '\\') {
                if (i + 1 == id.length() || (id.charAt(i + 1) != '\\' && id.charAt(i + 1) != ':')) {
                    return Optional.empty();
                }
                value.append(id.charAt(++i));
            } else if (c == ':') {
                values.add(value.toString());
                value.setLength(0);
            } else {
                value.append(c);
            }
        }
        values.add(value.toString());
        return values.size() == parts ? Optional.of(List.copyOf(values)) : Optional.empty();
    }
}
