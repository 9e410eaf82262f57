package io.binlogsync.mapping.join;

import io.binlogsync.config.JoinConfig;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;

import java.util.Optional;

/**
 * Whether a join still fits its tables after DDL: the related table exists and has every column the join names
 * ({@code on}, {@code fields}, {@code order-by}), and the mapping's table has the left side of {@code on}. Pure: the
 * caller reads the tables as they are now.
 */
public final class JoinFit {
    private JoinFit() {
    }

    /** What no longer fits: the config path of the join's setting, the table and the column (empty for the table). */
    public record Misfit(String path, String table, Optional<String> column) {
        /** A line for a message, e.g. {@code mappings[0].join[0].fields[1]: shop.categories has no column 'name'}. */
        public String describe() {
            return path + ": " + column.map(c -> table + " has no column '" + c + "'").orElse("table " + table
                    + " no longer exists (dropped or renamed)");
        }
    }

    /**
     * The first thing {@code join} names that is missing, or empty when it fits.
     *
     * @param parentTable the mapping's table
     * @param parent  the mapping's table's columns now
     * @param related the related table's columns now; empty when the table is gone
     */
    public static Optional<Misfit> check(JoinConfig join, TableId parentTable, TableColumns parent,
                                          Optional<TableColumns> related) {
        if (!parent.contains(join.parentColumn())) {
            return Optional.of(new Misfit(join.path() + ".on." + join.parentColumn(), parentTable.toString(),
                    Optional.of(join.parentColumn())));
        }
        String table = join.table().toString();
        if (related.isEmpty()) {
            return Optional.of(new Misfit(join.path() + ".table", table, Optional.empty()));
        }
        TableColumns columns = related.get();
        if (!columns.contains(join.joinedColumn())) {
            return Optional.of(new Misfit(join.path() + ".on." + join.parentColumn(), table,
                    Optional.of(join.joinedColumn())));
        }
        for (int i = 0; i < join.fields().include().size(); i++) {
            String column = join.fields().include().get(i);
            if (!columns.contains(column)) {
                return Optional.of(new Misfit(join.path() + ".fields[" + i + "]", table, Optional.of(column)));
            }
        }
        if (join.orderBy().isPresent() && !columns.contains(join.orderBy().get())) {
            return Optional.of(new Misfit(join.path() + ".order-by", table, join.orderBy()));
        }
        return Optional.empty();
    }
}
