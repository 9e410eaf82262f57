package io.binlogsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.it.ColumnOracle.Kind;
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

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every column type family, with edge values, written through the binlog and compared value by value with what
 * a SELECT over JDBC returns for the same rows, temporal values spelled by one fraction rule. Zero dates are
 * expected as null.
 */
@ExtendWith(TestServersExtension.class)
class TypesIT {
    /** The source whose types are checked; {@link MySqlTypesIT} brings a MySQL 8. */
    SourceServer source(TestServers servers) {
        return servers.mariadb();
    }


    private SyncFixture fixture;
    private Daemon daemon;

    @BeforeEach
    void setUp(TestServers servers) throws SQLException {
        fixture = new SyncFixture(servers, source(servers), "types_" + Long.toString(System.nanoTime(), 36));
        fixture.createDatabase();
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
     * Issue 13, finding 1: zero and impossible dates in a primary key (legal under a permissive sql_mode) once
     * stopped the daemon for good, since a null cannot make an id. Ids and cache keys now use the server's own text
     * of them, the document fields stay null, and verify's JDBC path makes the same ids.
     */
    @Test
    void zeroAndImpossibleDatesInAPrimaryKeyMakeIdsFromTheServersText() throws Exception {
        String db = fixture.database();
        fixture.sql("CREATE TABLE " + db + ".zk (id INT, dtval DATETIME(2), dval DATE, tval TIME, note VARCHAR(10),"
                + " PRIMARY KEY (id, dtval, dval, tval))");
        String index = fixture.index("zk");
        SyncConfig config = fixture.config("[ { table = \"{db}.zk\", index = \"{index}zk\","
                + " redis.invalidate = [\"zk:{db}:{dval}:{dtval}\"] } ]");
        daemon = fixture.start(config);
        String zeroKey = "zk:" + db + ":0000-00-00:0000-00-00 00:00:00.00";
        String impossibleKey = "zk:" + db + ":2024-02-30:2024-02-30 10:00:00.50";
        try (var redis = fixture.redis()) {
            redis.set(zeroKey, "cached");
            redis.set(impossibleKey, "cached");
        }
        fixture.sql("SET SESSION sql_mode = 'ALLOW_INVALID_DATES'",
                "INSERT INTO " + db + ".zk VALUES (1, '0000-00-00 00:00:00', '0000-00-00', '00:00:00', 'zero'),"
                        + " (2, '2024-02-30 10:00:00.5', '2024-02-30', '-01:00:00', 'impossible'),"
                        + " (3, '2024-05-06 07:08:09.25', '2024-05-06', '07:08:09', 'real')",
                "UPDATE " + db + ".zk SET note = 'zero2' WHERE id = 1",
                "UPDATE " + db + ".zk SET note = 'gone' WHERE id = 2");
        // the insert's batch and the updates' may be in flight together: wait for the real row too
        String zeroId = "1:0000-00-00 00\\:00\\:00.00:0000-00-00:00\\:00\\:00";
        String impossibleId = "2:2024-02-30 10\\:00\\:00.50:2024-02-30:-01\\:00\\:00";
        String realId = "3:2024-05-06T07\\:08\\:09.25:2024-05-06:07\\:08\\:09";
        Poll.until(SyncFixture.DEADLINE, "the updates of the zero-date rows and the real row in " + index + " and Redis", () -> {
            SyncFixture.requireRunning(daemon);
            try (var redis = fixture.redis()) {
                return fixture.document(index, zeroId).map(d -> d.path("note").asText().equals("zero2")).orElse(false)
                        && fixture.document(index, impossibleId).map(d -> d.path("note").asText().equals("gone"))
                        .orElse(false) && fixture.document(index, realId).isPresent()
                        && !redis.exists(zeroKey) && !redis.exists(impossibleKey);
            }
        });
        Map<String, JsonNode> documents = fixture.documents(index);
        assertEquals(java.util.Set.of(zeroId, impossibleId, realId), documents.keySet());
        JsonNode zero = documents.get(zeroId);
        assertTrue(zero.get("dtval").isNull() && zero.get("dval").isNull(), "zero dates stay null: " + zero);
        assertEquals("00:00:00", zero.get("tval").asText());
        assertTrue(documents.get(impossibleId).get("dval").isNull(), "impossible dates stay null");
        assertEquals("2024-05-06T07:08:09.25", documents.get(realId).get("dtval").asText());
        io.binlogsync.verify.VerifyReport report = SyncFixture.verify(config);
        assertTrue(!report.hasDrift(), "verify reads the same ids over JDBC: " + report.summary());
        // the snapshot's and the resync's reader: chunks of two cross the zero-date keys, then lookups by id text
        assertJdbcRowsMakeTheSameDocuments(config, index, 3);
        fixture.sql("DELETE FROM " + db + ".zk WHERE id = 1");
        fixture.awaitNoDocument(index, zeroId);
        SyncFixture.requireRunning(daemon);
    }

    /**
     * Issue 13, finding 2: MariaDB's UUID, INET4 and INET6 are binary strings in the binlog; documents, ids and
     * cache keys hold the text a SELECT returns, never base64 of the bytes.
     */
    @Test
    void mariadbUuidInet4AndInet6AsTheTextASelectReturns() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(isMariadb(), "UUID, INET4 and INET6 are MariaDB's types");
        compare("addresses", "id UUID PRIMARY KEY, u UUID, i4 INET4, i6 INET6, ip6 INET6",
                Map.of(),
                List.of("('01020304-0506-0708-090a-0b0c0d0e0f10', 'ffffffff-ffff-1fff-bfff-ffffffffffff', '192.0.2.1',"
                                + " '2001:db8::1', '::ffff:192.0.2.1')",
                        "('6ccd780c-baba-1026-9564-5b8c656024db', '00000000-0000-0000-0000-000000000000', '0.0.0.0',"
                                + " '::', '::1')",
                        "('0192c5f6-7a3b-7cde-8f01-23456789abcd', '123e4567-e89b-42d3-a456-426655440000',"
                                + " '255.255.255.255', 'fe80::1:0:0:2', '1:0:0:2:0:0:3:4')",
                        "('00000000-0000-0000-0000-000000000001', NULL, NULL, NULL, NULL)"),
                Kind.TEXT);
    }

    /**
     * Issue 13, finding 3: one fraction rule for DATETIME, TIMESTAMP and TIME, whatever the column's precision: as
     * many digits as the value needs, none when it is zero.
     */
    @Test
    void fractionsFollowOneRuleInEveryTemporalType() throws Exception {
        String db = fixture.database();
        fixture.sql("CREATE TABLE " + db + ".fractions (id INT PRIMARY KEY, ts1 TIMESTAMP(1) NULL, ts2 TIMESTAMP(2)"
                + " NULL, ts4 TIMESTAMP(4) NULL, ts5 TIMESTAMP(5) NULL, ts6 TIMESTAMP(6) NULL, dt2 DATETIME(2),"
                + " dt6 DATETIME(6), t3 TIME(3))");
        String index = fixture.index("fractions");
        daemon = fixture.start(fixture.config("[ { table = \"{db}.fractions\", index = \"{index}fractions\" } ]"));
        fixture.sql("SET SESSION time_zone = '+00:00'", "INSERT INTO " + db + ".fractions VALUES"
                + " (1, '2024-05-06 07:08:09.1', '2024-05-06 07:08:09.12', '2024-05-06 07:08:09.1234',"
                + " '2024-05-06 07:08:09.12345', '2024-05-06 07:08:09.5', '2024-05-06 07:08:09.77',"
                + " '2024-05-06 07:08:09.100000', '12:30:00.5'),"
                + " (2, '2024-05-06 07:08:09.0', '2024-05-06 07:08:09.10', '2024-05-06 07:08:09.1200',"
                + " '2024-05-06 07:08:09.00001', '2024-05-06 07:08:09.000001', '2024-05-06 07:08:09.50',"
                + " '2024-05-06 07:08:09', '-12:30:00.000')");
        Poll.until(SyncFixture.DEADLINE, "2 documents in " + index, () -> {
            SyncFixture.requireRunning(daemon);
            return fixture.documents(index).size() == 2;
        });
        Map<String, JsonNode> documents = fixture.documents(index);
        assertEquals(List.of("2024-05-06T07:08:09.1Z", "2024-05-06T07:08:09.12Z", "2024-05-06T07:08:09.1234Z",
                        "2024-05-06T07:08:09.12345Z", "2024-05-06T07:08:09.5Z", "2024-05-06T07:08:09.77",
                        "2024-05-06T07:08:09.1", "12:30:00.5"),
                fieldTexts(documents.get("1")));
        assertEquals(List.of("2024-05-06T07:08:09Z", "2024-05-06T07:08:09.1Z", "2024-05-06T07:08:09.12Z",
                        "2024-05-06T07:08:09.00001Z", "2024-05-06T07:08:09.000001Z", "2024-05-06T07:08:09.5",
                        "2024-05-06T07:08:09", "-12:30:00"),
                fieldTexts(documents.get("2")));
    }

    /**
     * A table without a primary key is keyed as InnoDB keys its rows: by its first UNIQUE key whose columns are all
     * NOT NULL (a nullable unique key before it does not count); a table with neither is refused at start.
     */
    @Test
    void tablesWithoutAPrimaryKeyAreKeyedByAUniqueKeyOverNotNullColumns() throws Exception {
        String db = fixture.database();
        fixture.sql("CREATE TABLE " + db + ".uk (a INT NULL, code VARCHAR(10) NOT NULL, region INT NOT NULL,"
                        + " note VARCHAR(10), UNIQUE KEY by_a (a), UNIQUE KEY by_code (code, region))",
                "CREATE TABLE " + db + ".nokey (a INT, b INT, UNIQUE KEY (a))");
        String index = fixture.index("uk");
        SyncConfig config = fixture.config("[ { table = \"{db}.uk\", index = \"{index}uk\" } ]");
        daemon = fixture.start(config);
        fixture.sql("INSERT INTO " + db + ".uk VALUES (NULL, 'x:1', 7, 'one'), (NULL, 'y', 8, 'two'), (3, 'z', 9, 'three')",
                "UPDATE " + db + ".uk SET note = 'uno' WHERE code = 'x:1'",
                "DELETE FROM " + db + ".uk WHERE code = 'z'");
        // the insert's batch and the later ones may be in flight together: wait for every row, not just the last
        Poll.until(SyncFixture.DEADLINE, "the update in " + index, () -> {
            SyncFixture.requireRunning(daemon);
            return fixture.document(index, "x\\:1:7").map(d -> d.path("note").asText().equals("uno")).orElse(false)
                    && fixture.document(index, "y:8").isPresent() && fixture.document(index, "z:9").isEmpty();
        });
        assertEquals(java.util.Set.of("x\\:1:7", "y:8"), fixture.documents(index).keySet());
        io.binlogsync.verify.VerifyReport report = SyncFixture.verify(config);
        assertTrue(!report.hasDrift(), "verify reads rows by the same key: " + report.summary());

        Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> fixture.start(
                fixture.config("[ { table = \"{db}.nokey\", index = \"{index}nokey\" } ]")));
        assertTrue(refused.getMessage().contains("mappings[0].id") && refused.getMessage().contains(db + ".nokey")
                && refused.getMessage().contains("ADD PRIMARY KEY"), refused.getMessage());
    }

    private static List<String> fieldTexts(JsonNode document) {
        return List.of("ts1", "ts2", "ts4", "ts5", "ts6", "dt2", "dt6", "t3").stream()
                .map(field -> document.get(field).asText()).toList();
    }

    private boolean isMariadb() throws SQLException {
        return String.valueOf(fixture.source.query("SELECT VERSION() AS v").get(0).get("v")).contains("MariaDB");
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
            try (ResultSet result = statement.executeQuery(ColumnOracle.select(db + "." + table, connection, kinds))) {
                int count = result.getMetaData().getColumnCount();
                while (result.next()) {
                    String id = result.getString(1);
                    JsonNode document = ColumnOracle.exactTree(documents.get(id));
                    for (int c = 2; c <= count; c++) {
                        String column = result.getMetaData().getColumnLabel(c);
                        Kind kind = kinds.length == 1 ? kinds[0] : kinds[c - 2];
                        String difference = ColumnOracle.difference(kind, result, c, document.get(column));
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
                    String fromBinlog = fixture.servers.elasticsearch().request("GET", "/" + index + "/_source/"
                            + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"),
                            null).body();
                    if (!fromJdbc.equals(fromBinlog)) {
                        differences.add("row " + id + ":\n  JDBC   " + abbreviate(fromJdbc) + "\n  binlog "
                                + abbreviate(fromBinlog));
                    }
                }
                after = chunk.isEmpty() ? after : Optional.of(chunk.get(chunk.size() - 1));
            } while (chunk.size() == 2);
            // by the key values' text, as an id gives them to verify's and the resync's lookups
            List<String> keyColumns = mapping.idColumns();
            List<List<Object>> keys = all.stream().map(row -> keyColumns.stream().map(column -> reader.keyParameter(
                    column, io.binlogsync.mapping.ValueText.of(row.get(column)))).toList()).toList();
            assertEquals(all, reader.readWhere(connection, keyColumns, keys), "rows read again by their keys");
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

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
