package io.binlogsync.source.jdbc;

import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Table definitions and collations read from the source's information_schema. Used to validate mappings at start,
 * and to name a binlog row's columns when the server does not write them into the binlog
 * ({@code binlog_row_metadata} other than FULL).
 */
public final class SchemaCatalog {
    private static final Logger log = LoggerFactory.getLogger(SchemaCatalog.class);
    private static final Pattern JSON_VALID = Pattern.compile("\\s*json_valid\\(`([^`]+)`\\)\\s*",
            Pattern.CASE_INSENSITIVE);
    private final SourceDatabase database;
    private final Map<TableId, Optional<TableSchema>> tables = new ConcurrentHashMap<>();
    private volatile Map<Integer, String> charsetByCollation;

    public SchemaCatalog(SourceDatabase database) {
        this.database = database;
    }

    /** The table as it is now; empty when it does not exist. Cached until {@link #forget}. */
    public Optional<TableSchema> table(TableId table) throws SQLException {
        Optional<TableSchema> cached = tables.get(table);
        if (cached != null) {
            return cached;
        }
        Optional<TableSchema> loaded = load(table);
        tables.put(table, loaded);
        return loaded;
    }

    /**
     * The table's column names and key, or empty when it does not exist; a schema that cannot be read is an
     * IllegalStateException naming the table, a column of a type binlog-sync does not know an
     * IllegalArgumentException naming the table, column and type.
     */
    public Optional<TableColumns> tableColumns(TableId table) {
        try {
            Optional<TableSchema> schema = table(table);
            schema.ifPresent(TableSchema::requireKnownTypes);
            return schema.map(TableSchema::tableColumns);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the definition of " + table + " from the source: "
                    + e.getMessage(), e);
        }
    }

    public void forget(TableId table) {
        tables.remove(table);
    }

    /** After DDL: every table is read again when next needed. */
    public void forgetAll() {
        tables.clear();
    }

    /** The character set name of a collation id, as the binlog's column metadata gives collations. */
    public Optional<String> charsetOfCollation(int collationId) throws SQLException {
        Map<Integer, String> map = charsetByCollation;
        if (map == null) {
            map = loadCollations();
            charsetByCollation = map;
        }
        return Optional.ofNullable(map.get(collationId));
    }

    private Map<Integer, String> loadCollations() throws SQLException {
        Map<Integer, String> map = new HashMap<>();
        try (Connection connection = database.open(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT ID, CHARACTER_SET_NAME FROM information_schema.COLLATIONS WHERE ID IS NOT NULL")) {
            while (rows.next()) {
                map.put(rows.getInt(1), rows.getString(2));
            }
        }
        return map;
    }

    private Optional<TableSchema> load(TableId table) throws SQLException {
        List<ColumnSchema> columns = new ArrayList<>();
        List<String> primaryKey;
        try (Connection connection = database.open()) {
            Set<String> jsonColumns = jsonCheckedColumns(connection, table);
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_SET_NAME, COLUMN_KEY"
                            + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                            + " ORDER BY ORDINAL_POSITION")) {
                statement.setString(1, table.database());
                statement.setString(2, table.table());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String dataType = rows.getString(2).toLowerCase(Locale.ROOT);
                        String columnType = rows.getString(3);
                        String name = rows.getString(1);
                        columns.add(new ColumnSchema(name, dataType,
                                columnType.toLowerCase(Locale.ROOT).contains("unsigned"), rows.getString(4),
                                dataType.equals("enum") || dataType.equals("set") ? labelsOf(columnType) : List.of(),
                                dataType.equals("json") || jsonColumns.contains(name)));
                    }
                }
            }
            if (columns.isEmpty()) {
                return Optional.empty();
            }
            primaryKey = rowKey(connection, table);
        }
        return Optional.of(new TableSchema(table, columns, primaryKey));
    }

    /**
     * The columns that identify a row: the primary key's or, as InnoDB picks its clustered index, those of the
     * first UNIQUE key whose columns are all NOT NULL (and whole, not prefixes); empty when there is neither. SHOW
     * INDEX lists keys in the server's own order, the primary key first.
     */
    private static List<String> rowKey(Connection connection, TableId table) throws SQLException {
        Map<String, List<String>> uniqueKeys = new LinkedHashMap<>();
        Set<String> unusable = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW INDEX FROM " + quoted(table.database()) + "."
                     + quoted(table.table()))) {
            while (rows.next()) {
                if (rows.getInt("Non_unique") != 0) {
                    continue;
                }
                String key = rows.getString("Key_name");
                uniqueKeys.computeIfAbsent(key, k -> new ArrayList<>()).add(rows.getString("Column_name"));
                if ("YES".equalsIgnoreCase(rows.getString("Null")) || rows.getString("Sub_part") != null
                        || rows.getString("Column_name") == null) {
                    unusable.add(key);
                }
            }
        }
        if (uniqueKeys.containsKey("PRIMARY")) {
            return uniqueKeys.get("PRIMARY");
        }
        for (Map.Entry<String, List<String>> key : uniqueKeys.entrySet()) {
            if (!unusable.contains(key.getKey())) {
                log.info("table {} has no primary key: its UNIQUE key {} over NOT NULL columns {} identifies rows,"
                        + " as InnoDB's clustered index does", table, key.getKey(), key.getValue());
                return key.getValue();
            }
        }
        return List.of();
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /**
     * Columns that MariaDB's JSON type made: text with a {@code json_valid(`column`)} check. Servers without
     * information_schema.CHECK_CONSTRAINTS (MySQL before 8.0.16) have none.
     */
    private static Set<String> jsonCheckedColumns(Connection connection, TableId table) {
        Set<String> columns = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
                        + " WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?")) {
            statement.setString(1, table.database());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Matcher matcher = JSON_VALID.matcher(rows.getString(1));
                    if (matcher.matches()) {
                        columns.add(matcher.group(1));
                    }
                }
            }
        } catch (SQLException e) {
            // no CHECK_CONSTRAINTS table on this server: no MariaDB-style JSON columns either
        }
        return columns;
    }

    /** Labels of {@code enum('a','b''c')} or {@code set(...)}: quoted, with '' for a quote inside. */
    static List<String> labelsOf(String columnType) {
        List<String> labels = new ArrayList<>();
        int i = columnType.indexOf('(') + 1;
        StringBuilder label = null;
        while (i > 0 && i < columnType.length()) {
            char c = columnType.charAt(i);
            if (label == null) {
                if (c == '\'') {
                    label = new StringBuilder();
                }
            } else if (c == '\'') {
                if (i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
                    label.append('\'');
                    i++;
                } else {
                    labels.add(label.toString());
                    label = null;
                }
            } else {
                label.append(c);
            }
            i++;
        }
        return labels;
    }
}
