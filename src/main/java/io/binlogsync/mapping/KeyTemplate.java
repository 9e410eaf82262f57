package io.binlogsync.mapping;

import io.binlogsync.config.TemplateSyntax;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Redis key pattern such as {@code product:sku:{sku}}: literal text with {@code {column}} placeholders filled
 * from a row image; {@code {{} and {@code }}} stand for literal braces (the grammar is {@link TemplateSyntax}).
 * {@code {schema}} and {@code {table}} are the mapped table's names, as the binlog writes them: they are put in
 * once, when the template is made for its table, so a row costs the same with or without them.
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
     * Parses a template of column placeholders only, with the grammar config validation checks
     * ({@link TemplateSyntax}).
     *
     * @throws IllegalArgumentException naming the problem and its character position, or when the template names
     *                                  the table ({@code {schema}}, {@code {table}}): use {@link #forTable}
     */
    public static KeyTemplate parse(String text) {
        TemplateSyntax.Parts parts = TemplateSyntax.parse(text, TemplateSyntax.Kind.KEY);
        if (parts.placeholders().stream().anyMatch(TemplateSyntax.TableNamePart.class::isInstance)) {
            throw new IllegalArgumentException("'" + text + "' names the table; it needs the table it is for");
        }
        return new KeyTemplate(text, parts.literals(), parts.columns());
    }

    /**
     * Parses a template for the rows of {@code table}, whose columns are {@code columns}: {@code {schema}} and
     * {@code {table}} become its names.
     *
     * @throws IllegalArgumentException naming the problem: its syntax, or a bare {@code {table}} (or
     *                                  {@code {schema}}, {@code {database}}) where the table also has a column of
     *                                  that name, which the placeholder meant before it named the table
     */
    public static KeyTemplate forTable(String text, TableId table, TableColumns columns) {
        TemplateSyntax.Parts parts = TemplateSyntax.parse(text, TemplateSyntax.Kind.KEY);
        List<String> literals = new ArrayList<>();
        StringBuilder literal = new StringBuilder(parts.literals().get(0));
        for (int i = 0; i < parts.placeholders().size(); i++) {
            if (parts.placeholders().get(i) instanceof TemplateSyntax.TableNamePart name) {
                if (columns.contains(name.written())) {
                    throw new IllegalArgumentException("{" + name.written() + "} is the name of the table ("
                            + name.part().in(table) + "), but " + table + " also has a column named "
                            + name.written() + ", which {" + name.written() + "} meant before it named the table;"
                            + " write {`" + name.written() + "`} for the column's value");
                }
                literal.append(name.part().in(table));
            } else {
                literals.add(literal.toString());
                literal.setLength(0);
            }
            literal.append(parts.literals().get(i + 1));
        }
        literals.add(literal.toString());
        return new KeyTemplate(text, literals, parts.columns());
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
