package io.binlogsync.config;

import io.binlogsync.event.TableId;

import java.util.Objects;
import java.util.Optional;

/**
 * What makes a mapping name many tables: its {@code table} read as a {@link TablePattern}, its {@code index} as a
 * {@link NameTemplate} (a plain name is a template without placeholders) and its {@code id-template}, which keeps
 * the ids of rows of different tables apart in one index.
 */
public record TableShards(TablePattern tables, NameTemplate index, Optional<NameTemplate> idTemplate) {

    public TableShards {
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(idTemplate, "idTemplate");
    }

    /**
     * Whether two tables the pattern matches always get different indices or different ids: every part of the
     * name the pattern leaves open appears in the index or the id template.
     */
    public boolean keepsShardsApart() {
        boolean schema = index.usesSchema() || idTemplate.map(NameTemplate::usesSchema).orElse(false);
        boolean table = index.usesTable() || idTemplate.map(NameTemplate::usesTable).orElse(false);
        return (!tables.wildcardInDatabase() || schema) && (!tables.wildcardInTable() || table);
    }

    /** The id template that would keep the shards apart, for the message that asks for one. */
    public String suggestedIdTemplate() {
        if (tables.wildcardInDatabase() && tables.wildcardInTable()) {
            return "{schema}.{table}:{id}";
        }
        return tables.wildcardInDatabase() ? "{schema}:{id}" : "{table}:{id}";
    }

    public String indexFor(TableId table) {
        return index.indexFor(table);
    }

    /** What is wrong with the index name the template gives {@code table}, if anything (how to fix it too). */
    public Optional<String> indexProblemFor(TableId table) {
        return ElasticsearchIndexName.problemWith(indexFor(table));
    }
}
