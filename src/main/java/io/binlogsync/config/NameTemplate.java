package io.binlogsync.config;

import io.binlogsync.event.TableId;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A name made from the matched table of a pattern mapping: literal text with {@code {schema}} (or
 * {@code {database}}) and {@code {table}} placeholders, doubled braces for literal ones. Index templates
 * ({@code orders-{schema}}) put the names in lower case, as Elasticsearch wants index names; id templates
 * ({@code {schema}:{id}}) hold {@code {id}} exactly once, the id the key gives the row, and keep names as written.
 * Redis key templates ({@link KeyTemplateSyntax}) name the table with the same placeholders, through {@link TableName}.
 */
public final class NameTemplate {

    /**
     * The one home of the placeholders that name a row's table: {@code {schema}} (or {@code {database}}) and
     * {@code {table}}, in index, id and Redis key templates alike.
     */
    public enum TableName {
        SCHEMA, TABLE;

        /** The part of the name {@code placeholder} (the text between the braces) stands for, if it is one. */
        public static Optional<TableName> named(String placeholder) {
            return switch (placeholder) {
                case "schema", "database" -> Optional.of(SCHEMA);
                case "table" -> Optional.of(TABLE);
                default -> Optional.empty();
            };
        }

        /** This part of {@code table}'s name, as the binlog writes it (case kept). */
        public String in(TableId table) {
            return this == SCHEMA ? table.database() : table.table();
        }
    }

    /** Literal text, or a placeholder's name when {@code placeholder}. */
    private record Piece(String text, boolean placeholder) {
    }

    private final String text;
    private final List<Piece> pieces;

    private NameTemplate(String text, List<Piece> pieces) {
        this.text = text;
        this.pieces = List.copyOf(pieces);
    }

    /** An index name template: {@code {schema}}, {@code {database}} and {@code {table}} allowed. */
    public static NameTemplate index(String text) {
        return parse(text, false);
    }

    /** A document id template: like an index template, plus {@code {id}} exactly once. */
    public static NameTemplate id(String text) {
        NameTemplate template = parse(text, true);
        long ids = template.pieces.stream().filter(p -> p.placeholder() && p.text().equals("id")).count();
        if (ids != 1) {
            throw new IllegalArgumentException("'" + text + "' must hold {id} (the id the key gives) exactly once,"
                    + " e.g. \"{schema}:{id}\"");
        }
        return template;
    }

    /** Whether {@code text} has a placeholder, so that an {@code index} is a template rather than a name. */
    public static boolean hasPlaceholder(String text) {
        return text.replace("{{", "").contains("{");
    }

    private static NameTemplate parse(String text, boolean id) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < text.length() && text.charAt(i + 1) == c) {
                literal.append(c);
                i++;
            } else if (c == '{') {
                int close = text.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("'" + text + "' has a { without its }; write {{ for a literal"
                            + " brace");
                }
                String name = text.substring(i + 1, close).trim();
                Optional<TableName> tableName = TableName.named(name);
                if (tableName.isEmpty() && !(id && name.equals("id"))) {
                    throw new IllegalArgumentException("'" + text + "' uses {" + name + "}; the placeholders are "
                            + "{schema} (or {database}), {table}" + (id ? " and {id}" : ""));
                }
                if (!literal.isEmpty()) {
                    pieces.add(new Piece(literal.toString(), false));
                    literal.setLength(0);
                }
                pieces.add(new Piece(tableName.map(n -> n.name().toLowerCase(Locale.ROOT)).orElse(name), true));
                i = close;
            } else if (c == '}') {
                throw new IllegalArgumentException("'" + text + "' has a } without its {; write }} for a literal"
                        + " brace");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            pieces.add(new Piece(literal.toString(), false));
        }
        return new NameTemplate(text, pieces);
    }

    public boolean usesSchema() {
        return uses("schema");
    }

    public boolean usesTable() {
        return uses("table");
    }

    private boolean uses(String name) {
        return pieces.stream().anyMatch(p -> p.placeholder() && p.text().equals(name));
    }

    /** The index name for {@code table}: the names in lower case. */
    public String indexFor(TableId table) {
        return render(table, true, "");
    }

    /** The text before {@code {id}} for {@code table}, names as written. */
    public String idPrefix(TableId table) {
        String whole = render(table, false, "\u0000");
        return whole.substring(0, whole.indexOf('\u0000'));
    }

    /** The text after {@code {id}} for {@code table}. */
    public String idSuffix(TableId table) {
        String whole = render(table, false, "\u0000");
        return whole.substring(whole.indexOf('\u0000') + 1);
    }

    private String render(TableId table, boolean lowerCase, String id) {
        StringBuilder out = new StringBuilder();
        for (Piece piece : pieces) {
            if (!piece.placeholder()) {
                out.append(piece.text());
                continue;
            }
            String value = TableName.named(piece.text()).map(name -> name.in(table)).orElse(id);
            out.append(lowerCase ? value.toLowerCase(Locale.ROOT) : value);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
