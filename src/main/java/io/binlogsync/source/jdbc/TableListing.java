package io.binlogsync.source.jdbc;

import io.binlogsync.config.TablePattern;
import io.binlogsync.event.TableId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The source's base tables a {@link TablePattern} matches now, from information_schema: narrowed by LIKE there,
 * then matched exactly here (LIKE follows the column's collation, the pattern matches as the binlog spells names).
 */
public final class TableListing {
    private final SourceDatabase database;

    public TableListing(SourceDatabase database) {
        this.database = database;
    }

    /** The matching tables, sorted by database then table. */
    public List<TableId> matching(TablePattern pattern) {
        List<TableId> tables = new ArrayList<>();
        try (Connection connection = database.open();
             PreparedStatement statement = connection.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME"
                     + " FROM information_schema.TABLES WHERE TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')"
                     + " AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')"
                     + " AND TABLE_SCHEMA LIKE ? ESCAPE '!' AND TABLE_NAME LIKE ? ESCAPE '!'"
                     + " ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
            statement.setString(1, pattern.databaseLike());
            statement.setString(2, pattern.tableLike());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    TableId table = new TableId(rows.getString(1), rows.getString(2));
                    if (pattern.matches(table)) {
                        tables.add(table);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the tables that " + pattern + " matches on "
                    + database.describe() + ": " + e.getMessage(), e);
        }
        return tables;
    }
}
