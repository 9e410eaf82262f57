package io.binlogsync.config;

import io.binlogsync.event.TableId;

import java.util.Optional;

/**
 * Reads what makes a mapping name many tables: a {@code table} with a wildcard, an {@code index} with
 * placeholders, an {@code id-template}. A mapping with none of them is a plain one (empty inside).
 */
final class TableShardsReader {
    private static final TableId SAMPLE = new TableId("shop", "orders_1");

    private TableShardsReader() {
    }

    /** Empty when something is wrong (reported on {@code mapping}); empty inside for a plain mapping. */
    static Optional<Optional<TableShards>> read(Section mapping, Optional<String> tableText,
                                                Optional<String> indexText) {
        Optional<String> idText = mapping.optionalString("id-template", false);
        if (tableText.isEmpty() || indexText.isEmpty()) {
            return Optional.empty();
        }
        boolean pattern = TablePattern.isPattern(tableText.get());
        boolean indexTemplate = TemplateSyntax.hasPlaceholder(indexText.get());
        if (!pattern && !indexTemplate && idText.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        Optional<TablePattern> tables = parse(mapping, "table", () -> TablePattern.parse(tableText.get()));
        Optional<NameTemplate> index = parse(mapping, "index", () -> NameTemplate.index(indexText.get()));
        Optional<NameTemplate> id = Optional.empty();
        if (idText.isPresent()) {
            id = parse(mapping, "id-template", () -> NameTemplate.id(idText.get()));
            if (id.isEmpty()) {
                return Optional.empty();
            }
        }
        if (tables.isEmpty() || index.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> indexProblem = ElasticsearchIndexName.problemWith(index.get().indexFor(SAMPLE));
        if (indexProblem.isPresent()) {
            mapping.problem("index", "'" + indexText.get() + "' for table " + SAMPLE + " gives an invalid name: "
                    + indexProblem.get());
            return Optional.empty();
        }
        TableShards shards = new TableShards(tables.get(), index.get(), id);
        if (!shards.keepsShardsApart()) {
            mapping.problem("id-template", "table pattern " + tables.get() + " puts rows of different tables into"
                    + " index '" + index.get() + "', where rows of two tables with the same key would get the same"
                    + " document id and overwrite each other; set id-template = \"" + shards.suggestedIdTemplate()
                    + "\", or give each table its own index (index = \"" + index.get() + "-{"
                    + (tables.get().wildcardInDatabase() ? "schema" : "table") + "}\")");
            return Optional.empty();
        }
        return Optional.of(Optional.of(shards));
    }

    private interface Parse<T> {
        T run();
    }

    private static <T> Optional<T> parse(Section mapping, String key, Parse<T> parse) {
        try {
            return Optional.of(parse.run());
        } catch (IllegalArgumentException e) {
            mapping.problem(key, e.getMessage());
            return Optional.empty();
        }
    }
}
