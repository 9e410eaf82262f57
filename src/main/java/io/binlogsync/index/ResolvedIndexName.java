package io.binlogsync.index;

import java.util.List;

/** What a configured index name stands for in Elasticsearch now: nothing, a concrete index, or an alias. */
public record ResolvedIndexName(String name, Kind kind, List<String> indices) {
    public enum Kind { MISSING, INDEX, ALIAS }

    public ResolvedIndexName {
        indices = List.copyOf(indices);
    }

    static ResolvedIndexName missing(String name) {
        return new ResolvedIndexName(name, Kind.MISSING, List.of());
    }

    static ResolvedIndexName index(String name) {
        return new ResolvedIndexName(name, Kind.INDEX, List.of(name));
    }

    static ResolvedIndexName alias(String name, List<String> indices) {
        return new ResolvedIndexName(name, Kind.ALIAS, indices);
    }

    /** The index the name's reads and writes go to now, if any. */
    public java.util.Optional<String> liveIndex() {
        return indices.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(indices.get(0));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case MISSING -> "no index named " + name;
            case INDEX -> "index " + name;
            case ALIAS -> "alias " + name + " -> " + String.join(", ", indices);
        };
    }
}
