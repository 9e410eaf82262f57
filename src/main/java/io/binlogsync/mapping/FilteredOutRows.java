package io.binlogsync.mapping;

import io.binlogsync.event.RowImage;

import java.util.List;
import java.util.function.Consumer;

/**
 * For copies of a table (snapshot, resync): a row that a mapping's filter leaves out must have no document, yet the
 * index may hold one from before the filter was set, or from a change the stream has not written yet. So the copy
 * deletes it, at the copy's version: a newer streamed change still wins over the delete.
 */
public final class FilteredOutRows {
    private FilteredOutRows() {
    }

    /** A delete per mapping whose filter leaves {@code row} out. */
    public static void deletes(List<TableMapping> mappings, RowImage row, long version,
                               Consumer<DocumentOperation> out) {
        for (TableMapping mapping : mappings) {
            if (!mapping.filter().keeps(row)) {
                out.accept(new DeleteDocument(mapping.index(), mapping.documentId(row), version, mapping.table()));
            }
        }
    }
}
