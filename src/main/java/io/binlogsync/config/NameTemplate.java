package io.binlogsync.config;

import io.binlogsync.event.TableId;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A name made from the matched table of a pattern mapping: literal text with {@code {schema}} (or
 * {@code {database}}) and {@code {table}} placeholders, doubled braces for literal ones (the grammar is
 * {@link TemplateSyntax}, as for Redis key templates). Index templates ({@code orders-{schema}}) put the names in
 * lower case, as Elasticsearch wants index names; id templates ({@code {schema}:{id}}) hold {@code {id}} exactly once,
 * the id the key gives the row, and keep names as written.
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

    private final String text;
    private final TemplateSyntax.Parts parts;

    private NameTemplate(String text, TemplateSyntax.Parts parts) {
        this.text = text;
        this.parts = parts;
    }

    /** An index name template: {@code {schema}}, {@code {database}} and {@code {table}} allowed. */
    public static NameTemplate index(String text) {
        return new NameTemplate(text, TemplateSyntax.parse(text, TemplateSyntax.Kind.INDEX));
    }

    /** A document id template: like an index template, plus {@code {id}} exactly once. */
    public static NameTemplate id(String text) {
        TemplateSyntax.Parts parts = TemplateSyntax.parse(text, TemplateSyntax.Kind.ID);
        long ids = parts.placeholders().stream().filter(TemplateSyntax.KeyId.class::isInstance).count();
        if (ids != 1) {
            throw new IllegalArgumentException("`" + text + "` must hold {id} (the id the key gives) exactly once,"
                    + " e.g. \"{schema}:{id}\"");
        }
        return new NameTemplate(text, parts);
    }

    public boolean usesSchema() {
        return uses(TableName.SCHEMA);
    }

    public boolean usesTable() {
        return uses(TableName.TABLE);
    }

    private boolean uses(TableName name) {
        return parts.placeholders().stream()
                .anyMatch(p -> p instanceof TemplateSyntax.TableNamePart part && part.part() == name);
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

    /** The text for {@code table}, {@code id} for {@code {id}} (index and id templates hold no columns). */
    private String render(TableId table, boolean lowerCase, String id) {
        List<String> literals = parts.literals();
        StringBuilder out = new StringBuilder(literals.get(0));
        for (int i = 0; i < parts.placeholders().size(); i++) {
            String value = parts.placeholders().get(i) instanceof TemplateSyntax.TableNamePart name
                    ? name.part().in(table) : id;
            out.append(lowerCase ? value.toLowerCase(Locale.ROOT) : value).append(literals.get(i + 1));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
