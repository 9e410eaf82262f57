package io.binlogsync.index;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The settings of a live index that a new index built to replace it should have: those a user chose (shards,
 * replicas, refresh interval, analysis, ...), in flat form ({@code index.number_of_shards}), without those
 * Elasticsearch sets for each index itself (uuid, creation date, version, provided name, ...), which it refuses
 * at creation, and without write blocks, which would refuse the copy.
 */
public final class UserIndexSettings {
    private static final List<String> EXACT = List.of("index.uuid", "index.creation_date",
            "index.creation_date_string", "index.provided_name", "index.history.uuid", "index.verified_before_close",
            "index.frozen", "index.lifecycle.indexing_complete", "index.hidden_by_system");
    private static final List<String> PREFIXES = List.of("index.version.", "index.resize.", "index.shrink.",
            "index.routing.allocation.initial_recovery.", "index.blocks.", "index.downsample.", "index.store.snapshot.",
            "index.recovery.", "archived.");

    private UserIndexSettings() {
    }

    /** {@code flat}: an index's settings as {@code GET /index/_settings?flat_settings=true} gives them. */
    public static ObjectNode of(ObjectNode flat) {
        ObjectNode kept = flat.objectNode();
        flat.fields().forEachRemaining(entry -> {
            if (isUsers(entry.getKey())) {
                kept.set(entry.getKey(), entry.getValue());
            }
        });
        return kept;
    }

    static boolean isUsers(String key) {
        return !EXACT.contains(key) && PREFIXES.stream().noneMatch(key::startsWith);
    }
}
