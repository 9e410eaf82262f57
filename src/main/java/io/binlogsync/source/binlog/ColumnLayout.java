package io.binlogsync.source.binlog;

import io.binlogsync.source.value.ColumnDescriptor;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;

/** A table map resolved once: the table, its column names and key, and one descriptor per column. */
record ColumnLayout(TableId table, TableColumns columns, ColumnDescriptor[] descriptors) {
}
