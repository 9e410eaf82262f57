package io.binlogsync.config;

import io.binlogsync.event.TableId;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads one element of {@code mappings}. */
final class MappingConfigReader {

    private MappingConfigReader() {
    }

    /** @param redisConfigured whether the top-level redis section exists, which invalidation needs */
    static Optional<MappingConfig> read(Section mapping, boolean redisConfigured) {
        Optional<String> tableText = mapping.requiredString("table",
                "name the source table as database.table, e.g. table = \"shop.products\"");
        Optional<String> indexText = mapping.requiredString("index",
                "name the Elasticsearch index to write to, e.g. index = \"products\"");
        Optional<Optional<TableShards>> shards = TableShardsReader.read(mapping, tableText, indexText);
        boolean plain = shards.map(Optional::isEmpty).orElse(tableText.isEmpty() || indexText.isEmpty());
        Optional<TableId> table = plain ? tableText.flatMap(text -> table(mapping, text))
                : shards.flatMap(s -> s).map(s -> s.tables().placeholder());
        Optional<String> index = plain ? indexText.flatMap(name -> index(mapping, name))
                : shards.flatMap(s -> s).flatMap(s -> indexText);
        Optional<List<String>> id = mapping.stringList("id").flatMap(items -> ColumnNames.check(mapping, items));
        Optional<FieldsConfig> fields = FieldsConfigReader.read(mapping.section("fields"));
        Optional<List<String>> invalidate = invalidate(mapping.section("redis"), redisConfigured);
        Optional<Optional<IndexDefinition>> definition = IndexDefinitionReader.read(mapping);
        Optional<Optional<RowFilterConfig>> filter = RowFilterConfigReader.read(mapping);
        Optional<List<JoinConfig>> joins = JoinConfigReader.read(mapping);
        mapping.rejectUnknownKeys();

        if (Stream.of(table, index, id, fields, invalidate, definition, shards, filter, joins)
                .anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new MappingConfig(mapping.path(), table.orElseThrow(), index.orElseThrow(),
                id.orElseThrow(), fields.orElseThrow(), invalidate.orElseThrow(), definition.orElseThrow(),
                shards.orElseThrow(), filter.orElseThrow(), joins.orElseThrow()));
    }

    private static Optional<TableId> table(Section mapping, String text) {
        try {
            return Optional.of(TableId.parse(text));
        } catch (IllegalArgumentException e) {
            mapping.problem("table", e.getMessage() + "; write the database and the table separated by a dot");
            return Optional.empty();
        }
    }

    private static Optional<String> index(Section mapping, String name) {
        Optional<String> problem = ElasticsearchIndexName.problemWith(name);
        problem.ifPresent(message -> mapping.problem("index", message));
        return problem.isEmpty() ? Optional.of(name) : Optional.empty();
    }

    private static Optional<List<String>> invalidate(Section redis, boolean redisConfigured) {
        Optional<List<LocatedString>> items = redis.stringList("invalidate");
        redis.rejectUnknownKeys();
        if (items.isEmpty()) {
            return Optional.empty();
        }
        if (!items.orElseThrow().isEmpty() && !redisConfigured) {
            redis.problem("invalidate", "keys are to be invalidated but there is no top-level redis section;"
                    + " add redis { uri = \"redis://127.0.0.1:6379/0\" }, or remove redis.invalidate");
            return Optional.empty();
        }
        boolean valid = true;
        for (LocatedString item : items.orElseThrow()) {
            Optional<String> problem = TemplateSyntax.problemWith(item.value(), TemplateSyntax.Kind.KEY);
            problem.ifPresent(message -> redis.problem(item, message));
            valid &= problem.isEmpty();
        }
        return valid ? Optional.of(items.orElseThrow().stream().map(LocatedString::value).toList()) : Optional.empty();
    }
}
