package io.binlogsync.event;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The bare names of the mapped tables, to judge SQL whose tables are not known (statement-based DML, DDL the
 * statement parser cannot read): may it name a mapped table? It errs towards yes, matching any mention of a name,
 * case-insensitively and whatever the schema, because a missed change is worse than a needless warning or stop.
 */
public final class MappedTableNames {
    private final Set<String> lowerCaseNames;
    private final List<Pattern> namePatterns;

    public MappedTableNames(Set<TableId> mappedTables) {
        this(mappedTables, List.of());
    }

    /** @param namePatterns regexes of lower-cased table names that patterns map (sharded tables), found anywhere */
    public MappedTableNames(Set<TableId> mappedTables, List<Pattern> namePatterns) {
        this.lowerCaseNames = mappedTables.stream().map(t -> t.table().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.namePatterns = List.copyOf(namePatterns);
    }

    /** True when {@code sql} mentions the name of a mapped table anywhere (also inside a longer word). */
    public boolean mayBeNamedIn(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        for (String name : lowerCaseNames) {
            if (lower.contains(name)) {
                return true;
            }
        }
        return namePatterns.stream().anyMatch(pattern -> pattern.matcher(lower).find());
    }
}
