package io.binlogsync.mapping;

import io.binlogsync.config.KeyTemplateSyntax;
import io.binlogsync.event.RowImage;

import java.util.List;
import java.util.Optional;

/**
 * A Redis key pattern such as {@code product:sku:{sku}}: literal text with {@code {column}} placeholders filled
 * from a row image; {@code {{} and {@code }}} stand for literal braces (the grammar is {@link KeyTemplateSyntax}).
 * A row whose placeholder column is NULL names no key (a cache keyed by NULL does not exist).
 */
public final class KeyTemplate {
    private final String text;
    private final String[] literals;
    private final ColumnIndexes columns;

    private KeyTemplate(String text, List<String> literals, List<String> columns) {
        this.text = text;
        this.literals = literals.toArray(String[]::new);
        this.columns = new ColumnIndexes(columns);
    }

    /**
     * Parses a template with the grammar config validation checks ({@link KeyTemplateSyntax}).
     *
     * @throws IllegalArgumentException naming the problem and its character position
     */
    public static KeyTemplate parse(String text) {
        KeyTemplateSyntax.Parts parts = KeyTemplateSyntax.parse(text);
        return new KeyTemplate(text, parts.literals(), parts.columns());
    }

    public List<String> columns() {
        return columns.names();
    }

    /** The key for this row, or empty when a placeholder's column is NULL in it. */
    public Optional<String> render(RowImage row) {
        return Optional.ofNullable(keyOf(row));
    }

    /** The key for this row, or null when a placeholder's column is NULL in it. */
    String keyOf(RowImage row) {
        int[] indexes = columns.in(row.columns());
        if (indexes.length == 1 && literals[0].isEmpty() && literals[1].isEmpty()) {
            Object value = row.get(indexes[0]);
            return value == null ? null : ValueText.of(value);
        }
        StringBuilder key = new StringBuilder(text.length() + 16);
        for (int i = 0; i < indexes.length; i++) {
            Object value = row.get(indexes[i]);
            if (value == null) {
                return null;
            }
            key.append(literals[i]);
            ValueText.append(key, value);
        }
        return key.append(literals[indexes.length]).toString();
    }

    /** Whether two images of one layout name the same key (or both none), known without rendering either. */
    boolean sameKey(RowImage a, RowImage b) {
        return columns.sameValues(a, b);
    }

    @Override
    public String toString() {
        return text;
    }
}
