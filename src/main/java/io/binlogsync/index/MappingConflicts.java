package io.binlogsync.index;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Where an index's live mapping contradicts the one a mapping configures. A field contradicts when the index has it
 * with another type ({@code object} for a field with properties and no type), or lacks it while the enclosing
 * object's {@code dynamic} is {@code false} or {@code strict} (its values would not be indexed, or refused). A field
 * the index lacks under dynamic mapping is no contradiction: it is {@linkplain #unmapped unmapped} and typed at the
 * first write. Only types are compared; fields the index has and the configuration does not are fine.
 */
public final class MappingConflicts {

    /** @param indexType the live type, or {@code "absent"} */
    public record Conflict(String field, String configuredType, String indexType) {
        @Override
        public String toString() {
            return field + " is " + configuredType + " in the config but " + indexType + " in the index";
        }
    }

    private MappingConflicts() {
    }

    /** Both arguments are {@code mappings} objects, as in a create-index body or under an index's name in GET _mapping. */
    public static List<Conflict> between(JsonNode configured, JsonNode live) {
        List<Conflict> conflicts = new ArrayList<>();
        compare("", configured, live, dynamic(live, "true"), conflicts, false);
        return conflicts;
    }

    /** The configured fields the index does not map yet although dynamic mapping would (not contradictions). */
    public static List<String> unmapped(JsonNode configured, JsonNode live) {
        List<Conflict> all = new ArrayList<>();
        compare("", configured, live, dynamic(live, "true"), all, true);
        return all.stream().map(Conflict::field).toList();
    }

    private static void compare(String prefix, JsonNode configured, JsonNode live, String dynamic,
                                List<Conflict> out, boolean unmappedOnly) {
        configured.path("properties").fields().forEachRemaining(field -> {
            String name = prefix + field.getKey();
            JsonNode liveField = live.path("properties").path(field.getKey());
            String wanted = typeOf(field.getValue());
            if (liveField.isMissingNode()) {
                boolean refused = dynamic.equals("false") || dynamic.equals("strict");
                if (refused != unmappedOnly) {
                    out.add(new Conflict(name, wanted, "absent"));
                }
                return;
            }
            String actual = typeOf(liveField);
            if (!wanted.equals(actual)) {
                if (!unmappedOnly) {
                    out.add(new Conflict(name, wanted, actual));
                }
                return;
            }
            compare(name + ".", field.getValue(), liveField, dynamic(liveField, dynamic), out, unmappedOnly);
        });
    }

    private static String typeOf(JsonNode field) {
        return field.hasNonNull("type") ? field.get("type").asText() : "object";
    }

    private static String dynamic(JsonNode object, String inherited) {
        return object.hasNonNull("dynamic") ? object.get("dynamic").asText() : inherited;
    }
}
