package io.binlogsync.source.binlog;

import io.binlogsync.source.jdbc.ColumnSchema;
import io.binlogsync.source.jdbc.SchemaCatalog;
import io.binlogsync.source.jdbc.TableSchema;
import io.binlogsync.source.value.ColumnDescriptor;
import io.binlogsync.source.value.MariadbBinaryType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a TABLE_MAP event into a {@link ColumnLayout}. Column names, key, signedness, charsets and ENUM/SET
 * labels come from the binlog's own metadata where the server writes it ({@code binlog_row_metadata=FULL}), so a
 * row is read with the columns it had when it was written; otherwise from information_schema as it is now.
 */
final class ColumnLayoutResolver {
    private final SchemaCatalog catalog;
    private final Map<Long, Cached> byTableId = new HashMap<>();

    /** {@code map}: the event data resolved; {@link TableMapReuse} hands the same one out while the map repeats. */
    private record Cached(TableMapEventData map, String database, String table, byte[] types, int[] metadata,
                          List<String> names, ColumnLayout layout) {
    }

    ColumnLayoutResolver(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    /** Table ids are reused after a server restart and change with DDL: forget every layout and definition. */
    void forgetAll() {
        byTableId.clear();
        catalog.forgetAll();
    }

    ColumnLayout resolve(TableMapEventData map) throws SQLException {
        Cached cached = byTableId.get(map.getTableId());
        if (cached != null && cached.map == map) {
            return cached.layout;
        }
        TableMapEventMetadata metadata = map.getEventMetadata();
        List<String> names = metadata == null ? null : metadata.getColumnNames();
        if (cached != null && cached.database.equals(map.getDatabase()) && cached.table.equals(map.getTable())
                && Arrays.equals(cached.types, map.getColumnTypes())
                && Arrays.equals(cached.metadata, map.getColumnMetadata())
                && java.util.Objects.equals(cached.names, names)) {
            return cached.layout;
        }
        ColumnLayout layout = names != null && !names.isEmpty() ? fromBinlog(map, metadata) : fromCatalog(map);
        byTableId.put(map.getTableId(), new Cached(map, map.getDatabase(), map.getTable(), map.getColumnTypes(),
                map.getColumnMetadata(), names, layout));
        return layout;
    }

    private ColumnLayout fromBinlog(TableMapEventData map, TableMapEventMetadata metadata) throws SQLException {
        TableId table = new TableId(map.getDatabase(), map.getTable());
        List<String> names = metadata.getColumnNames();
        byte[] types = map.getColumnTypes();
        int[] meta = map.getColumnMetadata();
        ColumnDescriptor[] descriptors = new ColumnDescriptor[types.length];
        Optional<TableSchema> schema = null;
        int character = 0;
        int enums = 0;
        int sets = 0;
        for (int i = 0; i < types.length; i++) {
            int type = realType(types[i] & 0xFF, meta[i]);
            String name = names.get(i);
            boolean unsigned = false;
            Charset charset = null;
            List<String> labels = List.of();
            boolean json = false;
            MariadbBinaryType mariadbType = null;
            if (isNumeric(type)) {
                // the library re-keys the metadata's per-numeric-column bits by column index; set means UNSIGNED
                unsigned = metadata.getSignedness() != null && metadata.getSignedness().get(i);
            } else if (type == ColumnType.ENUM.getCode()) {
                labels = labelsAt(metadata.getEnumStrValues(), enums++);
            } else if (type == ColumnType.SET.getCode()) {
                labels = labelsAt(metadata.getSetStrValues(), sets++);
            } else if (isCharacter(type)) {
                if (schema == null) {
                    schema = catalog.table(table);
                }
                Optional<ColumnSchema> described = schema.flatMap(s -> s.column(name));
                Integer collation = collationOf(metadata, character++);
                if (collation != null) {
                    charset = MysqlCharsets.forName(catalog.charsetOfCollation(collation).orElse("utf8mb4"));
                } else {
                    charset = described.map(c -> MysqlCharsets.forName(c.charset())).orElse(StandardCharsets.UTF_8);
                }
                // MariaDB's JSON is LONGTEXT with a check, its UUID, INET4 and INET6 are binary strings; the binlog
                // does not say so, information_schema does
                json = charset != null && described.map(ColumnSchema::json).orElse(false);
                mariadbType = described.flatMap(c -> MariadbBinaryType.of(c.dataType())).orElse(null);
            }
            descriptors[i] = new ColumnDescriptor(name, type, unsigned, charset, labels, json, fixedLength(type, meta[i]),
                    mariadbType);
        }
        if (schema != null) {
            schema.ifPresent(TableSchema::requireKnownTypes);
        }
        List<String> primaryKey = new ArrayList<>();
        if (metadata.getSimplePrimaryKeys() != null) {
            for (int index : metadata.getSimplePrimaryKeys()) {
                primaryKey.add(names.get(index));
            }
        } else if (metadata.getPrimaryKeysWithPrefix() != null) {
            for (int index : metadata.getPrimaryKeysWithPrefix().keySet()) {
                primaryKey.add(names.get(index));
            }
        }
        if (primaryKey.isEmpty()) {
            // no primary key in the binlog: the UNIQUE key over NOT NULL columns that stands for it, if any
            primaryKey.addAll(catalog.table(table).map(TableSchema::primaryKey).orElse(List.of()));
        }
        return new ColumnLayout(table, new TableColumns(names, primaryKey), descriptors);
    }

    private ColumnLayout fromCatalog(TableMapEventData map) throws SQLException {
        TableId table = new TableId(map.getDatabase(), map.getTable());
        byte[] types = map.getColumnTypes();
        Optional<TableSchema> schema = catalog.table(table);
        if (schema.isEmpty() || schema.get().columns().size() != types.length) {
            catalog.forget(table);
            schema = catalog.table(table);
        }
        if (schema.isEmpty() || schema.get().columns().size() != types.length) {
            throw new IllegalStateException("the binlog row of " + table + " has " + types.length
                    + " columns but information_schema now lists " + schema.map(s -> s.columns().size()).orElse(0)
                    + ", and the binlog carries no column names (binlog_row_metadata is not FULL). Set"
                    + " binlog_row_metadata=FULL on the server so rows name their own columns, then restart");
        }
        schema.get().requireKnownTypes();
        List<ColumnSchema> columns = schema.get().columns();
        ColumnDescriptor[] descriptors = new ColumnDescriptor[types.length];
        for (int i = 0; i < types.length; i++) {
            ColumnSchema column = columns.get(i);
            int type = realType(types[i] & 0xFF, map.getColumnMetadata()[i]);
            Charset charset = column.charset() == null ? null : MysqlCharsets.forName(column.charset());
            descriptors[i] = new ColumnDescriptor(column.name(), type, column.unsigned(), charset, column.labels(),
                    charset != null && column.json(), fixedLength(type, map.getColumnMetadata()[i]),
                    MariadbBinaryType.of(column.dataType()).orElse(null));
        }
        return new ColumnLayout(table, schema.get().tableColumns(),
                descriptors);
    }

    /** ENUM and SET travel as STRING with the real type in the metadata's high byte. */
    private static int realType(int type, int meta) {
        if (type == ColumnType.STRING.getCode()) {
            int real = meta >> 8;
            if (real == ColumnType.ENUM.getCode() || real == ColumnType.SET.getCode()) {
                return real;
            }
        }
        return type;
    }

    private static boolean isNumeric(int type) {
        return type == ColumnType.TINY.getCode() || type == ColumnType.SHORT.getCode()
                || type == ColumnType.INT24.getCode() || type == ColumnType.LONG.getCode()
                || type == ColumnType.LONGLONG.getCode() || type == ColumnType.NEWDECIMAL.getCode()
                || type == ColumnType.FLOAT.getCode() || type == ColumnType.DOUBLE.getCode()
                || type == ColumnType.DECIMAL.getCode() || type == ColumnType.YEAR.getCode();
    }

    /** Columns that take a place in the metadata's charset list; geometry counts, being a blob underneath. */
    private static boolean isCharacter(int type) {
        return type == ColumnType.STRING.getCode() || type == ColumnType.VARCHAR.getCode()
                || type == ColumnType.VAR_STRING.getCode() || type == ColumnType.BLOB.getCode()
                || type == ColumnType.TINY_BLOB.getCode() || type == ColumnType.MEDIUM_BLOB.getCode()
                || type == ColumnType.LONG_BLOB.getCode() || type == ColumnType.GEOMETRY.getCode();
    }

    /** The declared byte length of a CHAR or BINARY column (the STRING type), from its table-map metadata. */
    private static int fixedLength(int type, int meta) {
        if (type != ColumnType.STRING.getCode()) {
            return 0;
        }
        if (meta < 256) {
            return meta;
        }
        int meta0 = meta >> 8;
        return (meta & 0xFF) | (((meta0 & 0x30) ^ 0x30) << 4);
    }

    private static Integer collationOf(TableMapEventMetadata metadata, int characterIndex) {
        if (metadata.getColumnCharsets() != null && characterIndex < metadata.getColumnCharsets().size()) {
            return metadata.getColumnCharsets().get(characterIndex);
        }
        TableMapEventMetadata.DefaultCharset defaults = metadata.getDefaultCharset();
        if (defaults != null) {
            Map<Integer, Integer> exceptions = defaults.getCharsetCollations();
            if (exceptions != null && exceptions.containsKey(characterIndex)) {
                return exceptions.get(characterIndex);
            }
            return defaults.getDefaultCharsetCollation();
        }
        return null;
    }

    private static List<String> labelsAt(List<String[]> all, int index) {
        return all != null && index < all.size() ? List.of(all.get(index)) : List.of();
    }
}
