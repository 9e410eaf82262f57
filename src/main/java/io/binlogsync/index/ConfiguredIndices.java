package io.binlogsync.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlogsync.config.IndexDefinition;
import io.binlogsync.config.MappingConfig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The indices the mappings write to, held against the settings and mappings they configure: which exist, which start
 * creates, where a live mapping contradicts the configured one ({@link MappingConflicts}). An alias is compared
 * through each index behind it.
 */
public final class ConfiguredIndices {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What start will find for one index name. */
    public enum Kind { EXISTS, CREATED_FROM_CONFIG, CREATED_BY_DYNAMIC_MAPPING }

    /** @param conflicts one line per contradiction, naming the mapping, the backing index, the field and both types */
    public record IndexState(String index, Kind kind, List<String> conflicts, List<String> unmapped) {
    }

    private final IndexAdmin admin;

    public ConfiguredIndices(IndexAdmin admin) {
        this.admin = admin;
    }

    /** One state per distinct index name, in the mappings' order. */
    public List<IndexState> inspect(List<MappingConfig> mappings) throws IOException {
        List<IndexState> states = new ArrayList<>();
        for (Map.Entry<String, List<MappingConfig>> entry : byIndex(mappings).entrySet()) {
            String index = entry.getKey();
            Map<String, JsonNode> live = admin.mappings(index);
            if (live.isEmpty()) {
                boolean configured = definition(entry.getValue()).isPresent();
                states.add(new IndexState(index, configured ? Kind.CREATED_FROM_CONFIG
                        : Kind.CREATED_BY_DYNAMIC_MAPPING, List.of(), List.of()));
                continue;
            }
            List<String> conflicts = new ArrayList<>();
            List<String> unmapped = new ArrayList<>();
            for (MappingConfig mapping : entry.getValue()) {
                Optional<String> configured = mapping.indexDefinition().flatMap(IndexDefinition::mappings);
                if (configured.isEmpty()) {
                    continue;
                }
                JsonNode wanted = JSON.readTree(configured.get());
                live.forEach((backing, liveMappings) -> {
                    for (MappingConflicts.Conflict conflict : MappingConflicts.between(wanted, liveMappings)) {
                        conflicts.add(mapping.path() + " (" + mapping.table() + "): field " + conflict.field() + " is "
                                + conflict.configuredType() + " in " + mapping.indexDefinition().get().source()
                                + " but " + conflict.indexType() + " in index " + backing
                                + (backing.equals(index) ? "" : " (behind alias " + index + ")"));
                    }
                    MappingConflicts.unmapped(wanted, liveMappings).forEach(field -> unmapped.add(field
                            + " (not yet in index " + backing + "; dynamic mapping types it at the first write)"));
                });
            }
            states.add(new IndexState(index, Kind.EXISTS, conflicts, unmapped));
        }
        return states;
    }

    /**
     * What the daemon does before streaming: creates each missing index that a mapping configures, and refuses an
     * existing one whose mapping contradicts the configured one.
     */
    public void prepare(List<MappingConfig> mappings) throws IOException {
        List<String> refusals = new ArrayList<>();
        Map<String, List<MappingConfig>> byIndex = byIndex(mappings);
        for (IndexState state : inspect(mappings)) {
            if (state.kind() == Kind.CREATED_FROM_CONFIG) {
                admin.create(state.index(), definition(byIndex.get(state.index())).orElseThrow());
            }
            if (!state.conflicts().isEmpty()) {
                String table = byIndex.get(state.index()).get(0).table().toString();
                refusals.add(String.join("; ", state.conflicts()) + "; its documents would not be indexed as"
                        + " configured: rebuild the index with `binlog-sync resync --config FILE "
                        + table + " --new-index` (while a daemon runs), or change the configured mapping");
            }
        }
        if (!refusals.isEmpty()) {
            throw new IndexConflictException(String.join("\n", refusals));
        }
    }

    /** The definition a missing index is created from: the first mapping into it that gives one. */
    public static Optional<IndexDefinition> definition(List<MappingConfig> intoOneIndex) {
        return intoOneIndex.stream().flatMap(m -> m.indexDefinition().stream()).findFirst();
    }

    /** The definitions by index name, for rebuilds into new indices. */
    public static Map<String, IndexDefinition> definitions(List<MappingConfig> mappings) {
        Map<String, IndexDefinition> definitions = new LinkedHashMap<>();
        byIndex(mappings).forEach((index, into) -> definition(into).ifPresent(d -> definitions.put(index, d)));
        return definitions;
    }

    private static Map<String, List<MappingConfig>> byIndex(List<MappingConfig> mappings) {
        Map<String, List<MappingConfig>> byIndex = new LinkedHashMap<>();
        mappings.forEach(m -> byIndex.computeIfAbsent(m.index(), k -> new ArrayList<>()).add(m));
        return byIndex;
    }

    /** An existing index contradicts its configured mapping; the message names each field and the fix. */
    public static final class IndexConflictException extends RuntimeException {
        public IndexConflictException(String message) {
            super(message);
        }
    }
}
