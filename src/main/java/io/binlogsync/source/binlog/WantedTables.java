package io.binlogsync.source.binlog;

import io.binlogsync.config.TablePattern;
import io.binlogsync.event.TableId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables whose rows are decoded: those mappings name, and any a pattern mapping matches, also tables created
 * after the start (so rows right after a CREATE TABLE are read). Pattern answers are remembered per table. Used from
 * the one thread that reads the binlog.
 */
final class WantedTables {
    private static final int REMEMBERED = 10_000;

    private final Set<TableId> named;
    private final List<TablePattern> patterns;
    private final Map<TableId, Boolean> matched = new HashMap<>();

    WantedTables(Set<TableId> named, List<TablePattern> patterns) {
        this.named = Set.copyOf(named);
        this.patterns = List.copyOf(patterns);
    }

    boolean contains(TableId table) {
        if (named.contains(table)) {
            return true;
        }
        if (patterns.isEmpty()) {
            return false;
        }
        if (matched.size() > REMEMBERED) {
            matched.clear();
        }
        return matched.computeIfAbsent(table, t -> patterns.stream().anyMatch(p -> p.matches(t)));
    }
}
