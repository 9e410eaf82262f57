package io.binlogsync.source.jdbc;

import io.binlogsync.source.value.CellDecoder;
import io.binlogsync.source.value.JsonColumnText;
import io.binlogsync.source.value.WkbGeoJson;
import io.binlogsync.event.JsonText;
import io.binlogsync.event.MysqlTime;
import io.binlogsync.event.TableId;
import io.binlogsync.event.UnrepresentableValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * How one column family is read over JDBC so that its Java value is the one {@link CellDecoder} makes of the same
 * cell in the binlog: the SELECT expression (a cast where the driver would lose something), the conversion of the
 * result, and the parameter a key value is bound as in keyset and key lookups. Temporal values are read as the
 * server's own text (the session runs at time_zone '+00:00', so TIMESTAMP text is UTC), never through
 * java.sql.Date and the JVM's zone.
 */
enum CellReading {
    INTEGER {
        @Override
        Object read(ResultSet rows, int index) throws SQLException {
            String text = rows.getString(index);
            return text == null ? null : integer(new BigInteger(text));
        }
    },
    /** BIT(n): its bits as an unsigned integer. */
    BIT(Forms.AS_UNSIGNED) {
        @Override
        Object read(ResultSet rows, int index) throws SQLException {
            return INTEGER.read(rows, index);
        }
    },
    DECIMAL {
        @Override
        Object read(ResultSet rows, int index) throws SQLException {
            return rows.getBigDecimal(index);
        }
    },
    /** FLOAT: the server's text has 6 digits, too few to give back the stored float; its exact double has them. */
    FLOAT(Forms.AS_DOUBLE) {
        @Override
        Object read(ResultSet rows, int index) throws SQLException {
            double value = rows.getDouble(index);
            return rows.wasNull() ? null : (float) value;
        }

        /**
         * The float's exact value as a double: the column compares as a double, and the double nearest to the
         * float's text (what a bare literal would be) is not the float, so a lookup by that text finds nothing.
         */
        @Override
        Object keyParameter(String text) {
            return (double) Float.parseFloat(text);
        }
    },
    DOUBLE {
        @Override
        Object read(ResultSet rows, int index) throws SQLException {
            double value = rows.getDouble(index);
            return rows.wasNull() ? null : value;
        }

        @Override
        Object keyParameter(String text) {
            return Double.parseDouble(text);
        }
    },
    YEAR(Forms.AS_UNSIGNED) {
        @Override
        Object read(ResultSet rows, int index) throws SQLException {
            long year = rows.getLong(index);
            if (rows.wasNull()) {
                return null;
            }
            return year == 0 ? new UnrepresentableValue("0000") : (Object) year;
        }
    },
    DATE(Forms.AS_TEXT) {
        @Override
        Object read(ResultSet rows, int index) throws SQLException {
            String text = rows.getString(index);
            if (text == null) {
                return null;
            }
            try {
                return LocalDate.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(5, 7)),
                        Integer.parseInt(text.substring(8, 10)));
            } catch (DateTimeException e) {
                return new UnrepresentableValue(text);
            }
        }
    },
    DATETIME(Forms.AS_TEXT) {
        @Override
        Object read(ResultSet rows, int index) throws SQLException {
            return dateTime(rows.getString(index));
        }
    },
    /** TIMESTAMP: the server's text in the session's zone, which the reader sets to UTC. */
    TIMESTAMP(Forms.AS_TEXT) {
        @Override
        Object read(ResultSet rows, int index) throws SQLException {
            Object utc = dateTime(rows.getString(index));
            return utc instanceof LocalDateTime dateTime ? dateTime.toInstant(ZoneOffset.UTC) : utc;
        }

        @Override
        Object keyParameter(String text) {
            return text.endsWith("Z") ? text.substring(0, text.length() - 1) : text;
        }
    },
    TIME(Forms.AS_TEXT) {
        @Override
        Object read(ResultSet rows, int index) throws SQLException {
            String text = rows.getString(index);
            return text == null ? null : time(text);
        }
    },
    TEXT {
        @Override
        Object read(ResultSet rows, int index) throws SQLException {
            return rows.getString(index);
        }
    },
    /** MariaDB's UUID, INET4 and INET6: the text a SELECT returns, as the binlog path writes them. */
    SERVER_TEXT(Forms.AS_TEXT) {
        @Override
        Object read(ResultSet rows, int index) throws SQLException {
            return rows.getString(index);
        }
    },
    /** MariaDB's JSON (text with a json_valid check) and MySQL's JSON type, read as their text. */
    JSON {
        @Override
        Object read(ResultSet rows, int index) throws SQLException {
            String text = rows.getString(index);
            return text == null ? null : JsonColumnText.checked(text, rows.getMetaData().getColumnLabel(index));
        }
    },
    BINARY {
        @Override
        Object read(ResultSet rows, int index) throws SQLException {
            return rows.getBytes(index);
        }

        @Override
        Object keyParameter(String text) {
            return Base64.getDecoder().decode(text);
        }
    },
    ENUM {
        @Override
        Object read(ResultSet rows, int index) throws SQLException {
            return rows.getString(index);
        }
    },
    SET {
        @Override
        Object read(ResultSet rows, int index) throws SQLException {
            String text = rows.getString(index);
            if (text == null) {
                return null;
            }
            // a SET label cannot contain a comma, so the server's comma-joined text splits back exactly
            return text.isEmpty() ? List.of() : List.of(text.split(",", -1));
        }
    },
    /** Geometry in the server's internal form (SRID, then WKB), as the binlog carries it, into GeoJSON. */
    GEOMETRY {
        @Override
        Object read(ResultSet rows, int index) throws SQLException {
            byte[] bytes = rows.getBytes(index);
            return bytes == null ? null : new JsonText(WkbGeoJson.convert(bytes));
        }
    };

    private final String selectForm;

    CellReading() {
        this("%s");
    }

    CellReading(String selectForm) {
        this.selectForm = selectForm;
    }

    /** The expression that selects the column (already quoted). */
    String select(String column) {
        return selectForm.formatted(column);
    }

    /** The Java value of the cell, as the binlog path makes it. */
    abstract Object read(ResultSet rows, int index) throws SQLException;

    /**
     * The parameter that stands for a key value given as text (the text in a document id), bound where the column
     * is compared; numbers as BigDecimal, so that a BIGINT is compared exactly and not as a double.
     */
    Object keyParameter(String text) {
        return switch (this) {
            case INTEGER, BIT, DECIMAL, YEAR -> new BigDecimal(text);
            default -> text;
        };
    }

    /** The parameter for a key value as {@link #read} returned it, for the next chunk's lower bound. */
    Object keyParameterOf(Object value) {
        if (value instanceof Float number) {
            return number.doubleValue();
        }
        if (value instanceof BigInteger number) {
            return new BigDecimal(number);
        }
        if (value instanceof Long number) {
            return BigDecimal.valueOf(number);
        }
        if (value instanceof Number || value instanceof byte[] || value instanceof String) {
            return value;
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.toString().replace('T', ' ');
        }
        if (value instanceof java.time.Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString().replace('T', ' ');
        }
        if (value instanceof List<?> labels) {
            return String.join(",", labels.stream().map(String::valueOf).toList());
        }
        if (value instanceof UnrepresentableValue invalid) {
            return invalid.serverText();
        }
        return value == null ? null : value.toString();
    }

    /**
     * The reading of an information_schema column.
     *
     * @throws IllegalArgumentException for a type binlog-sync does not know, naming the table, column and type:
     *                                  the binlog path would otherwise write its bytes without knowing what they mean
     */
    static CellReading of(TableId table, ColumnSchema column) {
        if (column.json()) {
            return JSON;
        }
        return switch (column.dataType().toLowerCase(Locale.ROOT)) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint" -> INTEGER;
            case "bit" -> BIT;
            case "decimal", "numeric" -> DECIMAL;
            case "float" -> FLOAT;
            case "double", "real" -> DOUBLE;
            case "year" -> YEAR;
            case "date" -> DATE;
            case "datetime" -> DATETIME;
            case "timestamp" -> TIMESTAMP;
            case "time" -> TIME;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" ->
                    column.charset() == null || column.charset().equalsIgnoreCase("binary") ? BINARY : TEXT;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> BINARY;
            case "enum" -> ENUM;
            case "set" -> SET;
            case "json" -> JSON;
            case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                 "geometrycollection", "geomcollection" -> GEOMETRY;
            case "uuid", "inet4", "inet6" -> SERVER_TEXT;
            default -> throw new IllegalArgumentException("column " + column.name() + " of " + table + " has type "
                    + column.dataType() + ", which binlog-sync does not know, so it cannot write its values exactly;"
                    + " leave " + table + " out of the mappings (docs/types.md lists the types it knows)");
        };
    }

    private static Object integer(BigInteger value) {
        return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
    }

    /**
     * {@code 2024-05-06 07:08:09.123456} as a LocalDateTime; a zero or impossible date as an UnrepresentableValue of
     * that text, as the binlog path makes it.
     */
    private static Object dateTime(String text) {
        if (text == null) {
            return null;
        }
        try {
            int nanos = 0;
            if (text.length() > 20 && text.charAt(19) == '.') {
                String fraction = text.substring(20);
                nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
            }
            return LocalDateTime.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(5, 7)),
                    Integer.parseInt(text.substring(8, 10)), Integer.parseInt(text.substring(11, 13)),
                    Integer.parseInt(text.substring(14, 16)), Integer.parseInt(text.substring(17, 19)), nanos);
        } catch (DateTimeException e) {
            return new UnrepresentableValue(text);
        }
    }

    /** MySQL's TIME text: {@code -838:59:59.000001}. */
    private static MysqlTime time(String text) {
        boolean negative = text.startsWith("-");
        String unsigned = negative ? text.substring(1) : text;
        int dot = unsigned.indexOf('.');
        String whole = dot < 0 ? unsigned : unsigned.substring(0, dot);
        String fraction = dot < 0 ? "" : unsigned.substring(dot + 1);
        String[] parts = whole.split(":");
        int micros = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000").substring(0, 6));
        return new MysqlTime(negative, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                Integer.parseInt(parts[2]), micros);
    }

    /** SELECT expressions: the server's own text, or a cast where the driver would lose something. */
    private static final class Forms {
        static final String AS_TEXT = "CAST(%s AS CHAR)";
        static final String AS_UNSIGNED = "CAST(%s AS UNSIGNED)";
        static final String AS_DOUBLE = "CAST(%s AS DOUBLE)";
    }
}
