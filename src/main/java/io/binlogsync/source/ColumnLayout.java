package io.binlogsync.source;

import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;

/** A table map resolved once: the table, its column names and key, and one descriptor per column. */
record ColumnLayout(TableId table, TableColumns columns, ColumnDescriptor[] descriptors) {
}
