package io.binlogsync.related;

import io.binlogsync.event.TableId;
import io.binlogsync.mapping.join.Join;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * For {@code binlog-sync check}: every column a join looks rows up by should lead an index on the source, or each
 * lookup scans the table. Those are the mapping's table's column of {@code on} (a category's change finds its
 * products by {@code category_id}; a variant's change finds its product by {@code id}) and the related table's
 * (a product's category by {@code id}, its variants by {@code product_id}).
 */
public final class JoinIndexCheck {
    private JoinIndexCheck() {
    }

    /** A WARN line per join column without an index, each with the statement that adds one; empty when all have. */
    public static List<String> warnings(RelatedTables related, Connection connection) throws SQLException {
        List<String> warnings = new ArrayList<>();
        for (JoinedReader reader : related.readers()) {
            TableId own = reader.joined().table();
            for (Join join : reader.joined().joins()) {
                if (!leadsAnIndex(connection, own, join.parentColumn())) {
                    warnings.add(warning(join, own, join.parentColumn(), join.many()
                            ? "a change of " + join.table() + " finds its document"
                            : "a change of a row of " + join.table() + " finds the documents that carry it"));
                }
                if (!leadsAnIndex(connection, join.table(), join.joinedColumn())) {
                    warnings.add(warning(join, join.table(), join.joinedColumn(), "each document's rebuild reads its"
                            + " related rows"));
                }
            }
        }
        return warnings;
    }

    private static String warning(Join join, TableId table, String column, String use) {
        return "WARN joins: " + join.path() + ": " + table + "." + column + " leads no index, and " + use + " through"
                + " it, scanning " + table + " each time; add one: CREATE INDEX " + column + " ON " + table + " ("
                + column + ")";
    }

    private static boolean leadsAnIndex(Connection connection, TableId table, String column) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ? AND SEQ_IN_INDEX = 1 LIMIT 1")) {
            statement.setString(1, table.database());
            statement.setString(2, table.table());
            statement.setString(3, column);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
