package io.binlogsync.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one grammar of Redis key templates: literal text with {@code {column}} placeholders, where a doubled brace
 * stands for a literal one. Example: {@code product:sku:{sku}}. {@code {schema}} (or {@code {database}}) and
 * {@code {table}} name the row's own table ({@link NameTemplate.TableName}), as in index and id templates; a column
 * of one of those names is written in backquotes, {@code {`table`}}, as any column may be. Config validation and the
 * mapping's rendering both read templates here, so they cannot disagree on what a template means.
 */
public final class KeyTemplateSyntax {

    private static final String GRAMMAR = "templates are text with {column} placeholders, e.g. \"product:{id}\","
            + " {schema} and {table} for the table's names, {`table`} for a column named table;"
            + " write {{ or }} for a literal brace";

    /** What a placeholder stands for. */
    public sealed interface Placeholder {
    }

    /** The value of a column of the row: {@code {sku}}, or {@code {`sku`}} (backquotes needed for those below). */
    public record Column(String name) implements Placeholder {
    }

    /** A part of the row's table name: {@code {schema}}, {@code {database}} or {@code {table}} as {@code written}. */
    public record TableNamePart(NameTemplate.TableName part, String written) implements Placeholder {
    }

    /**
     * A well-formed template split at its placeholders: {@code literals} has one more element than
     * {@code placeholders}, and the key is literal 0, placeholder 0, literal 1, ... placeholder n-1, literal n.
     */
    public record Parts(List<String> literals, List<Placeholder> placeholders) {
        public Parts {
            literals = List.copyOf(literals);
            placeholders = List.copyOf(placeholders);
        }

        /** The columns the placeholders read, in order. */
        public List<String> columns() {
            return placeholders.stream().filter(Column.class::isInstance).map(p -> ((Column) p).name()).toList();
        }
    }

    private KeyTemplateSyntax() {
    }

    /**
     * Splits {@code template} into its parts.
     *
     * @throws IllegalArgumentException saying what is wrong (with the 1-based character) and how to fix it
     */
    public static Parts parse(String template) {
        if (template.isBlank()) {
            throw new IllegalArgumentException("the key template is empty; " + GRAMMAR);
        }
        List<String> literals = new ArrayList<>();
        List<Placeholder> placeholders = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (isDoubled(template, i, c)) {
                literal.append(c);
                i += 2;
            } else if (c == '}') {
                throw new IllegalArgumentException("unmatched '}' at character " + (i + 1) + " of `" + template
                        + "`; " + GRAMMAR);
            } else if (c == '{') {
                int close = placeholderEnd(template, i);
                literals.add(literal.toString());
                literal.setLength(0);
                placeholders.add(placeholder(template.substring(i + 1, close)));
                i = close + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        literals.add(literal.toString());
        return new Parts(literals, placeholders);
    }

    private static Placeholder placeholder(String inside) {
        if (inside.length() >= 2 && inside.startsWith("`") && inside.endsWith("`")) {
            return new Column(inside.substring(1, inside.length() - 1));
        }
        return NameTemplate.TableName.named(inside).<Placeholder>map(part -> new TableNamePart(part, inside))
                .orElseGet(() -> new Column(inside));
    }

    /** Empty if {@code template} is well formed; otherwise what {@link #parse} would reject it with. */
    static Optional<String> problemWith(String template) {
        try {
            parse(template);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static boolean isDoubled(String template, int i, char c) {
        return (c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c;
    }

    /** The index of the '}' closing the placeholder opened at {@code open}, once its column name is checked. */
    private static int placeholderEnd(String template, int open) {
        int close = template.indexOf('}', open + 1);
        int nextOpen = template.indexOf('{', open + 1);
        String at = " at character " + (open + 1) + " of `" + template + "`; ";
        if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
            throw new IllegalArgumentException("'{' is not closed" + at + GRAMMAR);
        }
        String column = template.substring(open + 1, close);
        if (column.isEmpty() || column.equals("``")) {
            throw new IllegalArgumentException("empty placeholder {" + column + "}" + at
                    + "put a column name inside, e.g. {id}");
        }
        if (column.startsWith("`") && (column.length() < 2 || !column.endsWith("`"))) {
            throw new IllegalArgumentException("placeholder {" + column + "} opens a backquote it does not close" + at
                    + "write {" + column + "`} for the column " + column.substring(1));
        }
        if (!column.equals(column.strip())) {
            throw new IllegalArgumentException("placeholder {" + column + "} has spaces around the column name" + at
                    + "write {" + column.strip() + "}");
        }
        return close;
    }
}
