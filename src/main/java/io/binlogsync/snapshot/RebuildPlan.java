package io.binlogsync.snapshot;

import io.binlogsync.event.TableId;
import io.binlogsync.index.ResolvedIndexName;
import io.binlogsync.mapping.TableMapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a resync of {@code table} into new indices builds: for each alias the table's mappings write to, what the
 * alias stands for now ({@code before}) and the index built to replace it ({@code newIndices}); the mappings that
 * write to those aliases ({@code rebuilt}), and so the tables to copy, the requested one first. Maps keep the order
 * of the aliases.
 */
record RebuildPlan(TableId table, Map<String, ResolvedIndexName> before, Map<String, String> newIndices,
                   List<TableMapping> rebuilt, List<TableId> tables) {

    RebuildPlan {
        before = Collections.unmodifiableMap(new LinkedHashMap<>(before));
        newIndices = Collections.unmodifiableMap(new LinkedHashMap<>(newIndices));
        rebuilt = List.copyOf(rebuilt);
        tables = List.copyOf(tables);
    }

    List<String> aliases() {
        return List.copyOf(newIndices.keySet());
    }

    /** The rebuilt mappings of {@code each}, writing to the new index of their alias. */
    List<TableMapping> mappingsInto(TableId each) {
        return rebuilt.stream().filter(m -> m.table().equals(each))
                .map(m -> m.into(newIndices.get(m.index()))).toList();
    }

    /** For the log and the status while the rebuild runs. */
    String describe() {
        List<String> parts = new ArrayList<>();
        newIndices.forEach((alias, index) -> parts.add("building " + index + " for " + before.get(alias)));
        return String.join("; ", parts) + "; copying " + tables + (tables.size() > 1
                ? " (every table whose mapping writes into the same index)" : "");
    }
}
