package io.binlogsync.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one grammar of the config's templates: Redis key templates ({@code redis.invalidate}, e.g.
 * {@code product:sku:{sku}}), index templates ({@code orders-{schema}}) and id templates ({@code {table}:{id}}).
 * A template is literal text with placeholders in braces, a doubled brace standing for a literal one; a placeholder
 * is a name written exactly between its braces (no spaces around it). {@code {schema}} (or {@code {database}}) and
 * {@code {table}} name the row's own table in every kind ({@link NameTemplate.TableName}); what else a placeholder may
 * be depends on the {@link Kind}: a column of the row in a key template (in backquotes, {@code {`table`}}, when the
 * column has one of the names above; any column may be written so), the id the key gives in an id template.
 * Config validation and the mapping's rendering both read templates here, so they cannot disagree on what a template
 * means, and the kinds cannot drift apart.
 */
public final class TemplateSyntax {

    /** The kinds of template, each with the placeholders it takes beside the table's names. */
    public enum Kind {
        /** {@code redis.invalidate}: columns of the row. */
        KEY("key template", "key templates are text with {column} placeholders, e.g. \"product:{id}\", {schema} and"
                + " {table} for the table's names, {`table`} for a column named table"),
        /** {@code index}: the table's names only. */
        INDEX("index template", "index templates are text with the placeholders {schema} (or {database}), {table},"
                + " e.g. \"orders-{schema}\""),
        /** {@code id-template}: the table's names and {@code {id}}. */
        ID("id template", "id templates are text with {id} and the placeholders {schema} (or {database}), {table},"
                + " e.g. \"{table}:{id}\"");

        private final String noun;
        private final String grammar;

        Kind(String noun, String grammar) {
            this.noun = noun;
            this.grammar = grammar + "; write {{ or }} for a literal brace";
        }
    }

    /** What a placeholder stands for. */
    public sealed interface Placeholder {
    }

    /** The value of a column of the row (key templates): {@code {sku}}, or {@code {`sku`}}. */
    public record Column(String name) implements Placeholder {
    }

    /** A part of the row's table name: {@code {schema}}, {@code {database}} or {@code {table}} as {@code written}. */
    public record TableNamePart(NameTemplate.TableName part, String written) implements Placeholder {
    }

    /** The id the key gives the row (id templates): {@code {id}}. */
    public record KeyId() implements Placeholder {
    }

    /**
     * A well-formed template split at its placeholders: {@code literals} has one more element than
     * {@code placeholders}, and the text is literal 0, placeholder 0, literal 1, ... placeholder n-1, literal n.
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

    private TemplateSyntax() {
    }

    /**
     * Splits {@code template}, a template of {@code kind}, into its parts.
     *
     * @throws IllegalArgumentException saying what is wrong (with the 1-based character) and how to fix it
     */
    public static Parts parse(String template, Kind kind) {
        if (template.isBlank()) {
            throw new IllegalArgumentException("the " + kind.noun + " is empty; " + kind.grammar);
        }
        List<String> literals = new ArrayList<>();
        List<Placeholder> placeholders = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (isDoubled(template, i)) {
                literal.append(c);
                i += 2;
            } else if (c == '}') {
                throw new IllegalArgumentException("unmatched '}'" + at(template, i) + kind.grammar);
            } else if (c == '{') {
                int close = placeholderEnd(template, i, kind);
                literals.add(literal.toString());
                literal.setLength(0);
                placeholders.add(placeholder(template, i, template.substring(i + 1, close), kind));
                i = close + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        literals.add(literal.toString());
        return new Parts(literals, placeholders);
    }

    /** Empty if {@code template} is a well-formed template of {@code kind}; otherwise what {@link #parse} says. */
    static Optional<String> problemWith(String template, Kind kind) {
        try {
            parse(template, kind);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Whether {@code text} opens a placeholder (a brace that is not doubled), so that it is meant as a template. */
    public static boolean hasPlaceholder(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isDoubled(text, i)) {
                i++;
            } else if (text.charAt(i) == '{') {
                return true;
            }
        }
        return false;
    }

    private static Placeholder placeholder(String template, int open, String inside, Kind kind) {
        if (inside.startsWith("`")) {
            if (kind != Kind.KEY) {
                throw new IllegalArgumentException("{" + inside + "} names a column" + at(template, open) + "an "
                        + kind.noun + " takes no columns; " + kind.grammar);
            }
            if (inside.length() < 2 || !inside.endsWith("`")) {
                throw new IllegalArgumentException("placeholder {" + inside + "} opens a backquote it does not close"
                        + at(template, open) + "write {" + inside + "`} for the column " + inside.substring(1));
            }
            return new Column(inside.substring(1, inside.length() - 1));
        }
        Optional<NameTemplate.TableName> tableName = NameTemplate.TableName.named(inside);
        if (tableName.isPresent()) {
            return new TableNamePart(tableName.get(), inside);
        }
        return switch (kind) {
            case KEY -> new Column(inside);
            case ID -> {
                if (inside.equals("id")) {
                    yield new KeyId();
                }
                throw unknown(template, open, inside, kind);
            }
            case INDEX -> throw unknown(template, open, inside, kind);
        };
    }

    private static IllegalArgumentException unknown(String template, int open, String inside, Kind kind) {
        return new IllegalArgumentException("unknown placeholder {" + inside + "}" + at(template, open)
                + kind.grammar);
    }

    private static boolean isDoubled(String template, int i) {
        char c = template.charAt(i);
        return (c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c;
    }

    /** The index of the '}' closing the placeholder opened at {@code open}, once its form is checked. */
    private static int placeholderEnd(String template, int open, Kind kind) {
        int close = template.indexOf('}', open + 1);
        int nextOpen = template.indexOf('{', open + 1);
        if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
            throw new IllegalArgumentException("'{' is not closed" + at(template, open) + kind.grammar);
        }
        String inside = template.substring(open + 1, close);
        if (inside.isEmpty() || inside.equals("``")) {
            throw new IllegalArgumentException("empty placeholder {" + inside + "}" + at(template, open)
                    + kind.grammar);
        }
        if (!inside.equals(inside.strip())) {
            throw new IllegalArgumentException("placeholder {" + inside + "} has spaces around its name"
                    + at(template, open) + "write {" + inside.strip() + "}");
        }
        return close;
    }

    private static String at(String template, int i) {
        return " at character " + (i + 1) + " of `" + template + "`; ";
    }
}
