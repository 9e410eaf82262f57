package io.binlogsync.snapshot;

import io.binlogsync.event.TableId;
import io.binlogsync.mapping.TableMapping;

import java.sql.SQLException;
import java.util.List;

/** Makes the copy of a table as it is now (its current columns) through the given mappings of that table. */
@FunctionalInterface
public interface TableCopies {
    /**
     * @param mappings mappings of {@code table}; their mapper must not be the stream's
     * @throws IllegalArgumentException naming why the table cannot be copied (gone, no key...)
     */
    TableCopy copyOf(TableId table, List<TableMapping> mappings) throws SQLException;
}
