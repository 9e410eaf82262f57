package io.binlogsync.source.jdbc;

import io.binlogsync.event.RowImage;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a table's rows over JDBC as {@link RowImage}s whose values are exactly those the binlog path decodes for
 * the same rows, so the same mapping code makes the same documents of them. Rows come in primary-key order, a
 * chunk at a time by keyset pagination (rows whose key follows the previous chunk's last key, {@code LIMIT n}),
 * so memory is bounded by the chunk size whatever the table's size; or by the values of some columns (document
 * ids back to rows).
 *
 * <p>The connection is the caller's (a snapshot can read inside its own transaction); each read sets the
 * session's {@code time_zone} to {@code '+00:00'}, so that TIMESTAMP values are read as UTC text.
 */
public final class TableRowReader {
    private final TableId table;
    private final TableColumns columns;
    private final CellReading[] readings;
    private final int[] keyIndexes;
    private final String select;
    private final String orderBy;

    /** @throws IllegalArgumentException when the table has no primary key or a column of a type not read yet */
    public TableRowReader(TableSchema schema) {
        this.table = schema.table();
        if (schema.primaryKey().isEmpty()) {
            throw new IllegalArgumentException("table " + table + " has no primary key, so its rows cannot be read"
                    + " in chunks; add a primary key");
        }
        this.columns = schema.tableColumns();
        this.readings = new CellReading[schema.columns().size()];
        List<String> expressions = new ArrayList<>();
        for (int i = 0; i < readings.length; i++) {
            ColumnSchema column = schema.columns().get(i);
            readings[i] = CellReading.of(table, column);
            expressions.add(readings[i].select(quote(column.name())));
        }
        this.keyIndexes = schema.primaryKey().stream().mapToInt(columns::indexOf).toArray();
        for (int key : keyIndexes) {
            if (readings[key] == CellReading.ENUM || readings[key] == CellReading.SET) {
                // the server orders ENUM and SET by their index but would compare a bound label as text: a chunk
                // read after a label could pass over rows
                throw new IllegalArgumentException("table " + table + " has the " + readings[key] + " column "
                        + columns.names().get(key) + " in its primary key, which cannot be read in key order chunks");
            }
        }
        this.select = "SELECT " + String.join(", ", expressions) + " FROM " + quote(table.database()) + "."
                + quote(table.table());
        this.orderBy = " ORDER BY " + String.join(", ", schema.primaryKey().stream().map(TableRowReader::quote).toList());
    }

    public TableId table() {
        return table;
    }

    public TableColumns columns() {
        return columns;
    }

    /**
     * Up to {@code limit} rows whose primary key follows that of {@code after} (from the first row when empty), in
     * key order. Fewer than {@code limit} rows means the table has no more.
     */
    public List<RowImage> readChunk(Connection connection, Optional<RowImage> after, int limit) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String where = "";
        if (after.isPresent()) {
            where = " WHERE " + keyFollows(after.get(), parameters, false);
        }
        return query(connection, select + where + orderBy + " LIMIT " + limit, parameters, limit);
    }

    /**
     * Up to {@code limit} rows whose primary key follows the key given as text (as {@link #keyParameter} reads it),
     * for a copy that resumes after the last row it saved.
     */
    public List<RowImage> readChunkAfterKey(Connection connection, List<String> keyText, int limit)
            throws SQLException {
        if (keyText.size() != keyIndexes.length) {
            throw new IllegalArgumentException("table " + table + " has a primary key of " + keyIndexes.length
                    + " columns, not " + keyText.size());
        }
        Object[] values = new Object[readings.length];
        for (int i = 0; i < keyIndexes.length; i++) {
            values[keyIndexes[i]] = keyText.get(i);
        }
        List<Object> parameters = new ArrayList<>();
        String where = " WHERE " + keyFollows(new RowImage(columns, values), parameters, true);
        return query(connection, select + where + orderBy + " LIMIT " + limit, parameters, limit);
    }

    /**
     * The rows whose {@code keyColumns} hold one of the given value tuples (each from {@link #keyParameter}), in
     * primary-key order. Columns that are not indexed are scanned: give few tuples at a time.
     */
    public List<RowImage> readWhere(Connection connection, List<String> keyColumns, List<List<Object>> tuples)
            throws SQLException {
        if (tuples.isEmpty()) {
            return List.of();
        }
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE ");
        if (keyColumns.size() == 1) {
            where.append(quote(keyColumns.get(0))).append(" IN (");
            for (int i = 0; i < tuples.size(); i++) {
                where.append(i == 0 ? "?" : ", ?");
                parameters.add(tuples.get(i).get(0));
            }
            where.append(')');
        } else {
            for (int i = 0; i < tuples.size(); i++) {
                where.append(i == 0 ? "(" : " OR (");
                for (int c = 0; c < keyColumns.size(); c++) {
                    where.append(c == 0 ? "" : " AND ").append(quote(keyColumns.get(c))).append(" = ?");
                    parameters.add(tuples.get(i).get(c));
                }
                where.append(')');
            }
        }
        return query(connection, select + where + orderBy, parameters, tuples.size());
    }

    /**
     * The rows whose {@code column} holds one of {@code values} (each from {@link #parameterOf} or
     * {@link #keyParameter}), ordered by {@code orderBy} then the primary key: the related rows of some documents,
     * found through the join column's index.
     */
    public List<RowImage> readWhereIn(Connection connection, String column, List<Object> values, List<String> orderBy)
            throws SQLException {
        if (values.isEmpty()) {
            return List.of();
        }
        List<String> order = new ArrayList<>(orderBy);
        for (String key : columns.primaryKey()) {
            if (!order.contains(key)) {
                order.add(key);
            }
        }
        return query(connection, select + " WHERE " + in(column, values) + " ORDER BY "
                + String.join(", ", order.stream().map(TableRowReader::quote).toList()), values, values.size());
    }

    /**
     * Up to {@code limit} rows whose {@code column} holds one of {@code values} and whose primary key follows that
     * of {@code after} (from the first when empty), in key order: the documents a related row's change touches,
     * page by page, through the index on {@code column}.
     */
    public List<RowImage> readChunkWhereIn(Connection connection, String column, List<Object> values,
                                           Optional<RowImage> after, int limit) throws SQLException {
        if (values.isEmpty()) {
            return List.of();
        }
        List<Object> parameters = new ArrayList<>(values);
        String where = " WHERE " + in(column, values);
        if (after.isPresent()) {
            where += " AND (" + keyFollows(after.get(), parameters, false) + ")";
        }
        return query(connection, select + where + orderBy + " LIMIT " + limit, parameters, limit);
    }

    /** The parameter to compare {@code column} with for a value as rows hold it (from the binlog or this reader). */
    public Object parameterOf(String column, Object value) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("table " + table + " has no column '" + column + "'");
        }
        return readings[index].keyParameterOf(value);
    }

    private static String in(String column, List<Object> values) {
        StringBuilder in = new StringBuilder(quote(column)).append(" IN (");
        for (int i = 0; i < values.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
        }
        return in.append(')').toString();
    }

    /**
     * The parameter to compare {@code column} with for a value given as text, as document ids and cache keys write
     * it (numbers as digits, binary as base64, dates ISO-8601, TIMESTAMP in UTC).
     *
     * @throws IllegalArgumentException when no value of the column has this text (digits expected, for instance)
     */
    public Object keyParameter(String column, String text) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("table " + table + " has no column '" + column + "'");
        }
        return readings[index].keyParameter(text);
    }

    /** {@code (k1 > ?) OR (k1 = ? AND k2 > ?) OR ...}: a form every server's range optimizer takes on the key. */
    private String keyFollows(RowImage after, List<Object> parameters, boolean keyAsText) {
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < keyIndexes.length; i++) {
            where.append(i == 0 ? "(" : " OR (");
            for (int j = 0; j <= i; j++) {
                int column = keyIndexes[j];
                Object value = after.get(column);
                if (value == null) {
                    throw new IllegalStateException("table " + table + ": key column " + columns.names().get(column)
                            + " of row " + after + " is NULL, which no later chunk can be read after (a zero date"
                            + " is kept as its text, not NULL); correct the row's key");
                }
                where.append(j == 0 ? "" : " AND ").append(quote(columns.names().get(column)))
                        .append(j == i ? " > ?" : " = ?");
                parameters.add(keyAsText ? readings[column].keyParameter((String) value)
                        : readings[column].keyParameterOf(value));
            }
            where.append(')');
        }
        return where.toString();
    }

    private List<RowImage> query(Connection connection, String sql, List<Object> parameters, int expected)
            throws SQLException {
        try (Statement session = connection.createStatement()) {
            session.execute("SET time_zone = '+00:00'");
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(Math.max(1, Math.min(expected, 1000)));
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<RowImage> rows = new ArrayList<>(Math.min(expected, 10_000));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(row(result));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new SQLException("reading rows of " + table + " failed: " + e.getMessage(), e.getSQLState(),
                    e.getErrorCode(), e);
        }
    }

    private RowImage row(ResultSet result) throws SQLException {
        Object[] values = new Object[readings.length];
        for (int i = 0; i < readings.length; i++) {
            try {
                values[i] = readings[i].read(result, i + 1);
            } catch (RuntimeException e) {
                throw new SQLException("table " + table + " column " + columns.names().get(i) + ": cannot read '"
                        + result.getString(i + 1) + "' as " + readings[i] + ": " + e.getMessage(), e);
            }
        }
        return new RowImage(columns, values);
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
