package io.binlogsync.it;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.RowImage;
import io.binlogsync.mapping.MappingCompiler;
import io.binlogsync.mapping.RowDocuments;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.source.jdbc.SchemaCatalog;
import io.binlogsync.source.jdbc.SourceDatabase;
import io.binlogsync.source.jdbc.TableRowReader;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.SourceServer;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every column type family, with edge values, written through the binlog and compared value by value with what
 * a SELECT over JDBC returns for the same rows. Zero dates are expected as null.
 */
@ExtendWith(TestServersExtension.class)
class TypesIT {
    /** The source whose types are checked; {@link MySqlTypesIT} brings a MySQL 8. */
    SourceServer source(TestServers servers) {
        return servers.mariadb();
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    private static final DateTimeFormatter SQL_DATETIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();

    /** How a column's JDBC value is read and compared with the document's field. */
    enum Kind { EXACT, FLOAT, DOUBLE, TEXT, TIME, BYTES, DATETIME, TIMESTAMP, ZERO_IS_NULL, SET, BIT, JSON, GEOJSON }

    private SyncFixture fixture;
    private Daemon daemon;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, source(servers), "types_" + Long.toString(System.nanoTime(), 36));
        fixture.sql("DROP DATABASE IF EXISTS " + fixture.database(), "CREATE DATABASE " + fixture.database());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void integersOfEveryWidthSignedAndUnsigned() throws Exception {
        compare("ints", """
                id INT PRIMARY KEY, t TINYINT, tu TINYINT UNSIGNED, s SMALLINT, su SMALLINT UNSIGNED, m MEDIUMINT,
                mu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, b BIGINT, bu BIGINT UNSIGNED, flag BOOL""",
                Map.of("bu", "keyword"),
                List.of("(1, -128, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295,"
                                + " -9223372036854775808, 18446744073709551615, TRUE)",
                        "(2, 127, 0, 32767, 0, 8388607, 0, 2147483647, 0, 9223372036854775807, 9223372036854775808, FALSE)",
                        "(3, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0)",
                        "(4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)"),
                Kind.EXACT);
    }

    @Test
    void decimalsExactlyAndFloatingPoint() throws Exception {
        compare("decimals", "id INT PRIMARY KEY, d DECIMAL(65,30), money DECIMAL(10,2), whole DECIMAL(5,0), f FLOAT, dbl DOUBLE",
                // a dynamically mapped field would be float, which refuses DOUBLE's extremes: map it as double
                Map.of("dbl", "double"),
                List.of("(1, 99999999999999999999999999999999999.999999999999999999999999999999, 99999999.99, 99999,"
                                + " 3.40282e38, 1.7976931348623157e308)",
                        "(2, -0.000000000000000000000000000001, -0.01, -99999, -1.17549e-38, -2.2250738585072014e-308)",
                        "(3, 0, 0.00, 0, 0, 0)",
                        "(4, 12345.678900000000000000000000000000, 19.90, 42, 0.1, 0.1)",
                        "(5, NULL, NULL, NULL, NULL, NULL)"),
                Kind.EXACT, Kind.EXACT, Kind.EXACT, Kind.FLOAT, Kind.DOUBLE);
    }

    @Test
    void datesAndTimesWithFractionsSignsZerosAndTimeZones() throws Exception {
        fixture.sql("SET GLOBAL time_zone = '+05:30'");
        try {
            compare("temporal", """
                    id INT PRIMARY KEY, d DATE, t TIME, t6 TIME(6), dt DATETIME, dt3 DATETIME(3), dt6 DATETIME(6),
                    ts TIMESTAMP(6) NULL, y YEAR, t2 TIME(2), t4 TIME(4), dt1 DATETIME(1), ts3 TIMESTAMP(3) NULL""",
                    Map.of(),
                    List.of("(1, '1000-01-01', '-838:59:59', '-838:59:59.000000', '1000-01-01 00:00:00',"
                                    + " '1000-01-01 00:00:00.000', '1000-01-01 00:00:00.000000', '1970-01-01 05:30:01', 1901, '-838:59:59.99', '-838:59:59.9999', '1000-01-01 00:00:00.1', '1970-01-01 05:30:01.001')",
                            "(2, '9999-12-31', '838:59:59', '838:59:59.000000', '9999-12-31 23:59:59',"
                                    + " '9999-12-31 23:59:59.999', '9999-12-31 23:59:59.999999', '2038-01-19 08:44:07.999999', 2155, '838:59:59.99', '838:59:59.9999', '9999-12-31 23:59:59.9', '2038-01-19 08:44:07.999')",
                            "(3, '2024-02-29', '-00:00:01', '-12:30:00.500001', '2024-02-29 12:00:00',"
                                    + " '2024-02-29 12:00:00.120', '2024-02-29 12:00:00.000001', '2024-02-29 12:00:00.5', 2024, '-00:00:00.01', '-12:30:00.0001', '2024-02-29 12:00:00.5', '2024-02-29 12:00:00.5')",
                            "(4, '2024-05-06', '100:00:00', '00:00:00.000001', '2024-05-06 07:08:00',"
                                    + " '2024-05-06 07:08:09.100', '2024-05-06 07:08:09.123456', '2024-05-06 07:08:09', 2000, '-01:00:00.50', '100:00:00.1234', '2024-05-06 07:08:09.0', '2024-05-06 07:08:09.123')",
                            "(5, '0000-00-00', '00:00:00', '00:00:00', '0000-00-00 00:00:00', '0000-00-00 00:00:00',"
                                    + " '0000-00-00 00:00:00', '0000-00-00 00:00:00', 0, '00:00:00', '00:00:00', '0000-00-00 00:00:00', '0000-00-00 00:00:00')",
                            "(6, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)"),
                    Kind.ZERO_IS_NULL, Kind.TIME, Kind.TIME, Kind.DATETIME, Kind.DATETIME, Kind.DATETIME, Kind.TIMESTAMP,
                    Kind.ZERO_IS_NULL, Kind.TIME, Kind.TIME, Kind.DATETIME, Kind.TIMESTAMP);
        } finally {
            fixture.sql("SET GLOBAL time_zone = SYSTEM");
        }
    }

    @Test
    void textInEveryCharsetBinaryEnumSetAndBits() throws Exception {
        compare("strings", """
                id INT PRIMARY KEY, u4 VARCHAR(50) CHARACTER SET utf8mb4, u3 CHAR(20) CHARACTER SET utf8mb3,
                l1 VARCHAR(50) CHARACTER SET latin1, bin VARCHAR(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
                txt TEXT CHARACTER SET utf8mb4, b4 BINARY(4), vb VARBINARY(20), bl BLOB,
                e ENUM('small','medium','large'), st SET('red','green','blue'), b1 BIT(1), b64 BIT(64)""",
                Map.of("b64", "keyword"),
                List.of("(1, 'emoji 😀 ok', 'naïve', 'café €', 'Case', 'long text ✓', x'01020304', x'00ff', x'deadbeef',"
                                + " 'large', 'red,blue', b'1', b'1111111111111111111111111111111111111111111111111111111111111111')",
                        "(2, '', '', '', '', '', x'00', x'', x'', 'small', '', b'0', b'0')",
                        "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)"),
                Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.BYTES, Kind.BYTES, Kind.BYTES, Kind.TEXT,
                Kind.SET, Kind.BIT, Kind.BIT);
    }

    @Test
    void jsonSpatialAndGeneratedColumns() throws Exception {
        String large = "[" + String.join(",", java.util.Collections.nCopies(2000, "{\"k\":\"value\",\"n\":[1,2,3],\"x\":null,\"ok\":true}")) + "]";
        compare("documents", """
                id INT PRIMARY KEY, j JSON, p POINT, ls LINESTRING, poly POLYGON, gc GEOMETRY,
                doubled INT AS (id * 2) VIRTUAL, label VARCHAR(20) AS (CONCAT('item-', id)) STORED""",
                Map.of("p", "geo_point", "ls", "disabled", "poly", "disabled", "gc", "disabled"),
                List.of("(1, '{\"a\":1,\"nested\":{\"b\":[1,2,3],\"o\":{\"c\":null},\"t\":true,\"f\":false},\"s\":\"x\\\\\"y \\\\u00e9\"}',"
                                + " ST_GeomFromText('POINT(13.4 52.5)'), ST_GeomFromText('LINESTRING(0 0, 1 1, 2 0.5)'),"
                                + " ST_GeomFromText('POLYGON((0 0, 4 0, 4 4, 0 4, 0 0),(1 1, 2 1, 2 2, 1 1))'),"
                                + " ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 3 3))'), DEFAULT, DEFAULT)",
                        "(2, '" + large + "', NULL, NULL, NULL, ST_GeomFromText('MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))'),"
                                + " DEFAULT, DEFAULT)",
                        "(3, '[]', NULL, NULL, NULL, NULL, DEFAULT, DEFAULT)",
                        "(4, NULL, NULL, NULL, NULL, NULL, DEFAULT, DEFAULT)",
                        // pretty-printed: a raw line break inside a document would cut the _bulk body's lines
                        "(5, '{\n  \"pretty\": [1,\r\n    2],\n\t\"s\": \"a b\"\n}', NULL, NULL, NULL, NULL, DEFAULT,"
                                + " DEFAULT)"),
                Kind.JSON, Kind.GEOJSON, Kind.GEOJSON, Kind.GEOJSON, Kind.GEOJSON, Kind.EXACT, Kind.TEXT);
    }

    /**
     * Creates {@code table} (first column {@code id}), its index with the given explicit field types, starts the
     * daemon, inserts the rows and compares every column of every row with JDBC.
     */
    private void compare(String table, String columns, Map<String, String> fieldTypes, List<String> rows,
                         Kind... kinds) throws Exception {
        String db = fixture.database();
        fixture.sql("CREATE TABLE " + db + "." + table + " (" + columns + ")");
        String index = fixture.index(table);
        createIndex(index, fieldTypes);
        SyncConfig config = fixture.config("[ { table = \"{db}." + table + "\", index = \"{index}" + table + "\" } ]");
        daemon = fixture.start(config);
        List<String> statements = new ArrayList<>(List.of("SET SESSION sql_mode = ''"));
        rows.forEach(row -> statements.add("INSERT INTO " + db + "." + table + " VALUES " + row));
        fixture.sql(statements.toArray(String[]::new));
        Poll.until(SyncFixture.DEADLINE, rows.size() + " documents in " + index, () -> {
            SyncFixture.requireRunning(daemon);
            return fixture.documents(index).size() == rows.size();
        });
        Map<String, JsonNode> documents = fixture.documents(index);
        List<String> differences = new ArrayList<>();
        try (Connection connection = fixture.source.adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '+00:00'");
            try (ResultSet result = statement.executeQuery(select(db + "." + table, connection, kinds))) {
                int count = result.getMetaData().getColumnCount();
                while (result.next()) {
                    String id = result.getString(1);
                    JsonNode document = JSON.readTree(JSON.writeValueAsString(documents.get(id)));
                    for (int c = 2; c <= count; c++) {
                        String column = result.getMetaData().getColumnLabel(c);
                        Kind kind = kinds.length == 1 ? kinds[0] : kinds[c - 2];
                        String difference = difference(kind, result, c, document.get(column));
                        if (difference != null) {
                            differences.add("row " + id + " column " + column + " (" + kind + "): " + difference);
                        }
                    }
                }
            }
        }
        assertTrue(differences.isEmpty(), String.join("\n", differences));
        assertJdbcRowsMakeTheSameDocuments(config, index, rows.size());
    }

    /**
     * The oracle of {@link TableRowReader}: every row it reads over JDBC makes, through the mapping code, the very
     * bytes the binlog path wrote to the index. Chunks of two rows, so the keyset paging is crossed too; and every
     * row read again by its key.
     */
    private void assertJdbcRowsMakeTheSameDocuments(SyncConfig config, String index, int expectedRows)
            throws Exception {
        SourceDatabase database = new SourceDatabase(config.source());
        SchemaCatalog catalog = new SchemaCatalog(database);
        TableMapping mapping = MappingCompiler.compile(config.mappings(), catalog::tableColumns).get(0);
        TableRowReader reader = new TableRowReader(catalog.table(mapping.table()).orElseThrow());
        RowDocuments documents = new RowDocuments();
        List<String> differences = new ArrayList<>();
        List<RowImage> all = new ArrayList<>();
        try (Connection connection = database.open()) {
            Optional<RowImage> after = Optional.empty();
            List<RowImage> chunk;
            do {
                chunk = reader.readChunk(connection, after, 2);
                for (RowImage row : chunk) {
                    all.add(row);
                    String id = mapping.documentId(row);
                    String fromJdbc = new String(documents.source(mapping, row), StandardCharsets.UTF_8);
                    String fromBinlog = fixture.servers.elasticsearch().request("GET", "/" + index + "/_source/" + id,
                            null).body();
                    if (!fromJdbc.equals(fromBinlog)) {
                        differences.add("row " + id + ":\n  JDBC   " + abbreviate(fromJdbc) + "\n  binlog "
                                + abbreviate(fromBinlog));
                    }
                }
                after = chunk.isEmpty() ? after : Optional.of(chunk.get(chunk.size() - 1));
            } while (chunk.size() == 2);
            List<List<Object>> keys = all.stream().map(row -> List.of(reader.keyParameter("id",
                    String.valueOf(row.get("id"))))).toList();
            assertEquals(all, reader.readWhere(connection, List.of("id"), keys), "rows read again by their keys");
        }
        assertEquals(expectedRows, all.size(), "rows read in chunks");
        assertTrue(differences.isEmpty(), String.join("\n", differences));
    }

    private void createIndex(String index, Map<String, String> fieldTypes) {
        if (fieldTypes.isEmpty()) {
            return;
        }
        StringBuilder properties = new StringBuilder();
        fieldTypes.forEach((field, type) -> properties.append(properties.isEmpty() ? "" : ",").append('"').append(field)
                .append("\":").append(type.equals("disabled") ? "{\"type\":\"object\",\"enabled\":false}"
                        : "{\"type\":\"" + type + "\"}"));
        assertTrue(fixture.servers.elasticsearch().request("PUT", "/" + index,
                "{\"mappings\":{\"properties\":{" + properties + "}}}").isSuccess());
    }

    /** The columns as JDBC should read them: geometries as GeoJSON text from the server itself. */
    private static String select(String table, Connection connection, Kind[] kinds) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
            for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
                names.add(result.getMetaData().getColumnName(c));
            }
        }
        List<String> expressions = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Kind kind = i == 0 ? Kind.EXACT : kinds.length == 1 ? kinds[0] : kinds[i - 1];
            String name = names.get(i);
            // temporal values as the server writes them: the driver's own formatting of fractions is not the oracle
            boolean temporal = kind == Kind.TIME || kind == Kind.DATETIME || kind == Kind.TIMESTAMP;
            expressions.add(kind == Kind.GEOJSON ? "ST_AsGeoJSON(" + name + ") AS " + name
                    : kind == Kind.BIT ? "CAST(" + name + " AS UNSIGNED) AS " + name
                    : temporal ? "CAST(" + name + " AS CHAR) AS " + name : name);
        }
        return "SELECT " + String.join(", ", expressions) + " FROM " + table + " ORDER BY 1";
    }

    /** Null when the document holds what JDBC returned, else a description of the difference. */
    private static String difference(Kind kind, ResultSet result, int column, JsonNode field) throws Exception {
        String text = result.getString(column);
        boolean documentNull = field == null || field.isNull();
        if (text == null || (kind == Kind.ZERO_IS_NULL && isZero(text)) || (isZero(text)
                && (kind == Kind.DATETIME || kind == Kind.TIMESTAMP))) {
            return documentNull ? null : "JDBC has " + text + " (null in documents), document has " + field;
        }
        if (documentNull) {
            return "JDBC has " + text + ", document has null";
        }
        boolean same = switch (kind) {
            case EXACT, ZERO_IS_NULL -> field.isNumber() ? sameNumber(field, text) : field.asText().equals(text);
            case FLOAT -> Float.parseFloat(text) == field.floatValue();
            case DOUBLE -> Double.parseDouble(text) == field.doubleValue();
            case TEXT, TIME -> text.equals(field.asText());
            case BYTES -> Arrays.equals(result.getBytes(column), Base64.getDecoder().decode(field.asText()));
            case DATETIME -> LocalDateTime.parse(text, SQL_DATETIME).equals(LocalDateTime.parse(field.asText()));
            case TIMESTAMP -> LocalDateTime.parse(text, SQL_DATETIME).toInstant(java.time.ZoneOffset.UTC)
                    .equals(Instant.parse(field.asText()));
            case SET -> Objects.equals(text.isEmpty() ? List.of() : List.of(text.split(",")), toList(field));
            case BIT -> new BigInteger(text).equals(field.bigIntegerValue()) || new BigInteger(text).toString().equals(field.asText());
            case JSON -> JSON.readTree(text).equals(field);
            case GEOJSON -> sameGeometry(JSON.readTree(text), field);
        };
        return same ? null : "JDBC has " + abbreviate(text) + ", document has " + abbreviate(field.toString());
    }

    /** Same value and, for decimals, the same digits after the point (19.90 is not 19.9). */
    private static boolean sameNumber(JsonNode field, String text) {
        try {
            BigDecimal expected = new BigDecimal(text);
            BigDecimal actual = field.decimalValue();
            return actual.compareTo(expected) == 0 && actual.scale() == Math.max(0, expected.scale());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isZero(String text) {
        return text.startsWith("0000-00-00") || text.equals("0000") || text.equals("0");
    }

    private static List<String> toList(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.asText()));
        return values;
    }

    /** GeoJSON equal up to number formatting (the server prints coordinates its own way). */
    private static boolean sameGeometry(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return Math.abs(expected.doubleValue() - actual.doubleValue()) < 1e-9;
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!sameGeometry(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isObject() && actual.isObject()) {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            expected.fields().forEachRemaining(entry -> fields.put(entry.getKey(), entry.getValue()));
            for (Map.Entry<String, JsonNode> entry : fields.entrySet()) {
                if (entry.getKey().equals("bbox")) {
                    continue;
                }
                if (!actual.has(entry.getKey()) || !sameGeometry(entry.getValue(), actual.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
