package io.binlogsync.mapping;

import io.binlogsync.event.RowImage;
import io.binlogsync.event.TableColumns;

import java.util.List;

/**
 * The positions of some named columns in a column layout, resolved once per layout instead of a lookup by name
 * per row. Rows of one table map share their layout, so the last one is kept. Safe to share between threads: the
 * layout and its positions are replaced together.
 */
final class ColumnIndexes {
    private final List<String> names;
    private volatile Resolved resolved;

    private record Resolved(TableColumns columns, int[] indexes) {
    }

    ColumnIndexes(List<String> names) {
        this.names = List.copyOf(names);
    }

    List<String> names() {
        return names;
    }

    /**
     * The position of each name in {@code columns}, in the order of the names. Do not write to the array.
     *
     * @throws IllegalArgumentException when the layout lacks one of the columns (a mapping checked at start no
     *                                  longer fits, which callers check first)
     */
    int[] in(TableColumns columns) {
        Resolved known = resolved;
        if (known == null || known.columns() != columns) {
            known = new Resolved(columns, resolve(columns));
            resolved = known;
        }
        return known.indexes();
    }

    /**
     * Whether two images of one layout hold equal values in these columns. Equal values have equal text (ids and
     * keys are made of it), so what one image names, the other names too.
     */
    boolean sameValues(RowImage a, RowImage b) {
        if (a.columns() != b.columns()) {
            return false;
        }
        for (int index : in(a.columns())) {
            if (!java.util.Objects.equals(a.get(index), b.get(index))) {
                return false;
            }
        }
        return true;
    }

    private int[] resolve(TableColumns columns) {
        int[] indexes = new int[names.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = columns.indexOf(names.get(i));
            if (indexes[i] < 0) {
                throw new IllegalArgumentException("no column '" + names.get(i) + "' in " + columns.names());
            }
        }
        return indexes;
    }
}
