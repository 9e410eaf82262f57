package io.binlogsync.mapping.join;

import io.binlogsync.event.RowImage;
import io.binlogsync.mapping.ValueText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The related rows read for some documents, per join, by the value of the join column: what
 * {@link JoinedDocuments} needs besides the mapping's own row. Values match by their text (as document ids write
 * them), so an INT and a BIGINT column join. A one-to-many join's rows are kept in the order they were read.
 */
public final class RelatedRows {
    private final Map<Join, Map<String, List<RowImage>>> byJoin = new IdentityHashMap<>();

    /** Adds a related row of {@code join}, in order after those added before. */
    public void add(Join join, RowImage row) {
        Object value = row.get(join.joinedColumn());
        if (value == null) {
            return;
        }
        byJoin.computeIfAbsent(join, j -> new HashMap<>()).computeIfAbsent(key(value), k -> new ArrayList<>(2))
                .add(row);
    }

    /** The related rows of {@code join} whose join column holds {@code parentValue}; empty when none. */
    public List<RowImage> of(Join join, Object parentValue) {
        if (parentValue == null) {
            return List.of();
        }
        return byJoin.getOrDefault(join, Map.of()).getOrDefault(key(parentValue), List.of());
    }

    /** How a join column's value is compared. */
    public static String key(Object value) {
        return ValueText.of(value);
    }
}
