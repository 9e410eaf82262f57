package io.binlogsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.it.ColumnOracle.Kind;
import io.binlogsync.it.RandomValues.ColumnType;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.HarnessLog;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The randomized round trip: for every column type binlog-sync knows, values drawn from a printed seed (NULLs,
 * boundaries, zero and impossible dates under a permissive sql_mode, every fraction length) are inserted, updated
 * and deleted through the binlog; then every document is compared, field by field and id by id, with what a SELECT
 * over JDBC returns for the same rows, and {@code verify} must find no drift. Every type that can be a whole
 * primary-key column is also the key of a table of its own, so ids are made of each. A failure prints the seed;
 * {@code -Dbinlogsync.random.seed=N} repeats it.
 */
@ExtendWith(TestServersExtension.class)
class RandomRowsIT {
    private static final int WIDE_ROWS = 80;
    private static final int KEY_ROWS = 25;

    private SyncFixture fixture;

    /**
     * One seed a run, new each time unless {@code -Dbinlogsync.random.seed=N} names it; {@code
     * -Dbinlogsync.random.runs=R} runs the R seeds from there, each on a database of its own.
     */
    @Test
    void randomRowsOfEveryTypeReachTheIndexAsJdbcReadsThem(TestServers servers) throws Exception {
        long first = Long.getLong("binlogsync.random.seed", System.nanoTime());
        int runs = Integer.getInteger("binlogsync.random.runs", 1);
        for (long seed = first; seed < first + runs; seed++) {
            fixture = new SyncFixture(servers, "random_" + Long.toString(System.nanoTime(), 36));
            try {
                fixture.sql("CREATE DATABASE " + fixture.database() + " CHARACTER SET utf8mb4");
                roundTrip(seed);
                fixture.sql("DROP DATABASE " + fixture.database());
            } finally {
                fixture.close();
            }
        }
    }

    private void roundTrip(long seed) throws Exception {
        HarnessLog.info("RandomRowsIT seed " + seed + " (repeat with -Dbinlogsync.random.seed=" + seed + ")");
        Random random = new Random(seed);
        String db = fixture.database();
        List<ColumnType> types = RandomValues.types();
        List<ColumnType> keys = types.stream().filter(ColumnType::keyable).toList();

        List<String> ddl = new ArrayList<>();
        StringBuilder wide = new StringBuilder("CREATE TABLE " + db + ".wide (seq INT PRIMARY KEY");
        for (int i = 0; i < types.size(); i++) {
            wide.append(", c").append(i).append(' ').append(types.get(i).sql()).append(" NULL");
        }
        ddl.add(wide.append(')').toString());
        for (int i = 0; i < keys.size(); i++) {
            ddl.add("CREATE TABLE " + db + ".k" + i + " (k " + keys.get(i).sql() + " NOT NULL, seq INT NOT NULL,"
                    + " v INT NULL, PRIMARY KEY (k, seq))");
        }
        fixture.sql(ddl.toArray(String[]::new));
        List<String> tables = new ArrayList<>(List.of("wide"));
        for (int i = 0; i < keys.size(); i++) {
            tables.add("k" + i);
        }
        for (String table : tables) {
            // no dynamic mapping: the comparison is of _source, and random values must not fight over field types
            assertTrue(fixture.servers.elasticsearch().request("PUT", "/" + fixture.index(table),
                    "{\"mappings\":{\"dynamic\":false}}").isSuccess());
        }
        SyncConfig config = fixture.config(tables.stream().map(table -> "{ table = \"{db}." + table
                + "\", index = \"{index}" + table + "\" }").collect(Collectors.joining(", ", "[ ", " ]")));
        Daemon daemon = fixture.start(config);

        List<String> writes = new ArrayList<>(List.of("SET SESSION sql_mode = 'ALLOW_INVALID_DATES'",
                "SET SESSION time_zone = '+00:00'"));
        for (int seq = 1; seq <= WIDE_ROWS; seq++) {
            List<String> values = new ArrayList<>(List.of(String.valueOf(seq)));
            types.forEach(type -> values.add(value(random, type)));
            writes.add("INSERT INTO " + db + ".wide VALUES (" + String.join(", ", values) + ")");
        }
        for (int change = 0; change < WIDE_ROWS / 2; change++) {
            int column = random.nextInt(types.size());
            writes.add("UPDATE " + db + ".wide SET c" + column + " = " + value(random, types.get(column))
                    + " WHERE seq = " + (1 + random.nextInt(WIDE_ROWS)));
        }
        writes.add("DELETE FROM " + db + ".wide WHERE seq % 9 = " + random.nextInt(9));
        for (int i = 0; i < keys.size(); i++) {
            String table = db + ".k" + i;
            for (int seq = 1; seq <= KEY_ROWS; seq++) {
                writes.add("INSERT INTO " + table + " VALUES (" + keys.get(i).literal().apply(random) + ", " + seq
                        + ", " + random.nextInt(1000) + ")");
            }
            // a key that changes moves the document to its new id
            writes.add("UPDATE " + table + " SET k = " + keys.get(i).literal().apply(random) + ", v = -1 WHERE seq = "
                    + (1 + random.nextInt(KEY_ROWS)));
            writes.add("UPDATE " + table + " SET v = v + 1 WHERE seq % 4 = 0");
            writes.add("DELETE FROM " + table + " WHERE seq % 7 = " + random.nextInt(7));
        }
        try {
            fixture.sql(writes.toArray(String[]::new));
        } catch (SQLException e) {
            throw new AssertionError("seed " + seed + ": the server refused a generated statement: " + e.getMessage(), e);
        }
        fixture.awaitCaughtUp(daemon, Duration.ofSeconds(120));

        List<String> differences = new ArrayList<>();
        differences.addAll(compare(seed, "wide", "seq", types));
        for (int i = 0; i < keys.size(); i++) {
            differences.addAll(compare(seed, "k" + i, "k", List.of(keys.get(i))));
        }
        assertTrue(differences.isEmpty(), "seed " + seed + " (repeat with -Dbinlogsync.random.seed=" + seed + "), "
                + differences.size() + " differences:\n" + String.join("\n", differences.subList(0,
                Math.min(40, differences.size()))));
        // verify reads tables in key-order chunks, which it refuses for ENUM and SET keys (docs/verify.md)
        List<String> verifiable = tables.stream().filter(table -> !table.startsWith("k")
                || !keys.get(Integer.parseInt(table.substring(1))).sql().matches("(ENUM|SET)\\(.*")).toList();
        io.binlogsync.verify.VerifyReport report = SyncFixture.verify(fixture.config(verifiable.stream().map(table ->
                "{ table = \"{db}." + table + "\", index = \"{index}" + table + "\" }")
                .collect(Collectors.joining(", ", "[ ", " ]"))));
        assertTrue(!report.hasDrift(), "seed " + seed + ": verify finds drift: " + report.summary());
        daemon.close();
        // the shards of every run would add up on the shared node
        assertTrue(fixture.servers.elasticsearch().request("DELETE", "/" + tables.stream().map(fixture::index)
                .collect(Collectors.joining(",")), null).isSuccess());
    }

    private static String value(Random random, ColumnType type) {
        return random.nextInt(10) == 0 ? "NULL" : type.literal().apply(random);
    }

    /**
     * Every row of {@code table} against its document: the id made of the key's text as the server prints it, then
     * every column through the oracle; and no document without a row.
     */
    private List<String> compare(long seed, String table, String keyColumn, List<ColumnType> columnTypes)
            throws Exception {
        Kind[] kinds = columnTypes.stream().map(ColumnType::kind).toArray(Kind[]::new);
        if (keyColumn.equals("k")) {
            // k, seq, v: the key's kind, then two integers
            kinds = new Kind[]{kinds[0], Kind.EXACT, Kind.EXACT};
        }
        Map<String, JsonNode> documents = new HashMap<>(fixture.documents(fixture.index(table)));
        List<String> differences = new ArrayList<>();
        try (Connection connection = fixture.source.adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '+00:00'");
            String select = keyColumn.equals("k")
                    ? keySelect(fixture.database() + "." + table, kinds[0])
                    : ColumnOracle.select(fixture.database() + "." + table, connection, kinds);
            try (ResultSet result = statement.executeQuery(select)) {
                int count = result.getMetaData().getColumnCount();
                while (result.next()) {
                    String id = keyColumn.equals("k") ? idPart(kinds[0], result, 1) + ":" + result.getString(2)
                            : result.getString(1);
                    String row = "seed " + seed + ", table " + table + ", row " + abbreviatedRow(result, count);
                    JsonNode document = documents.remove(id);
                    if (document == null && kinds[0] == Kind.FLOAT || document == null && kinds[0] == Kind.DOUBLE) {
                        document = removeByNumericKey(documents, kinds[0], result.getString(1), result.getString(2));
                    }
                    if (document == null) {
                        differences.add(row + ": no document with id " + id);
                        continue;
                    }
                    JsonNode exact = ColumnOracle.exactTree(document);
                    int first = keyColumn.equals("k") ? 1 : 2;
                    for (int c = first; c <= count; c++) {
                        String column = result.getMetaData().getColumnLabel(c);
                        Kind kind = keyColumn.equals("k") ? kinds[c - 1] : kinds[c - 2];
                        String difference = ColumnOracle.difference(kind, result, c, exact.get(column));
                        if (difference != null) {
                            differences.add(row + ", column " + column + " (" + kind + "): " + difference);
                        }
                    }
                }
            }
        }
        documents.keySet().forEach(id -> differences.add("seed " + seed + ", table " + table + ": document " + id
                + " has no row"));
        return differences;
    }

    private static String keySelect(String table, Kind kind) {
        String k = kind == Kind.GEOJSON ? "ST_AsGeoJSON(k)" : kind == Kind.BIT ? "CAST(k AS UNSIGNED)"
                : kind == Kind.TIME || kind == Kind.DATE || kind == Kind.DATETIME || kind == Kind.TIMESTAMP
                || kind == Kind.ZERO_IS_NULL ? "CAST(k AS CHAR)" : "k";
        return "SELECT " + k + " AS k, seq, v FROM " + table + " ORDER BY seq";
    }

    /** The key value's part of a document id, from the server's text: what the issue asks ids to be made of. */
    private static String idPart(Kind kind, ResultSet result, int column) throws SQLException {
        String text = result.getString(column);
        String part = switch (kind) {
            case BYTES -> Base64.getEncoder().encodeToString(result.getBytes(column));
            case TIME -> ColumnOracle.oneFractionRule(text);
            case DATETIME -> ColumnOracle.notADate(text) ? text : ColumnOracle.oneFractionRule(text).replace(' ', 'T');
            case TIMESTAMP -> ColumnOracle.notADate(text) ? text
                    : ColumnOracle.oneFractionRule(text).replace(' ', 'T') + "Z";
            default -> text;
        };
        return part.replace("\\", "\\\\").replace(":", "\\:");
    }

    /** FLOAT and DOUBLE keys: Java's and the server's texts of one number differ, so match the id by value. */
    private static JsonNode removeByNumericKey(Map<String, JsonNode> documents, Kind kind, String key, String seq) {
        double expected = kind == Kind.FLOAT ? Float.parseFloat(key) : Double.parseDouble(key);
        for (String id : List.copyOf(documents.keySet())) {
            int colon = id.lastIndexOf(':');
            if (colon > 0 && id.substring(colon + 1).equals(seq)) {
                String part = id.substring(0, colon);
                double actual = kind == Kind.FLOAT ? Float.parseFloat(part) : Double.parseDouble(part);
                if (actual == expected) {
                    return documents.remove(id);
                }
            }
        }
        return null;
    }

    private static String abbreviatedRow(ResultSet result, int count) throws SQLException {
        List<String> values = new ArrayList<>();
        for (int c = 1; c <= Math.min(count, 3); c++) {
            values.add(String.valueOf(result.getString(c)));
        }
        return String.join(", ", values) + (count > 3 ? ", ..." : "");
    }
}
