package io.binlogsync.it;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
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

/**
 * The oracle of the type tests: what a document's field must hold for the value a SELECT over JDBC returns for the
 * same cell, by column kind. Temporal values are compared as values and by their spelling (one fraction rule);
 * zero and impossible dates must be null.
 */
final class ColumnOracle {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    private static final DateTimeFormatter SQL_DATETIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();

    /** How a column's JDBC value is read and compared with the document's field. */
    enum Kind { EXACT, FLOAT, DOUBLE, TEXT, TIME, BYTES, DATE, DATETIME, TIMESTAMP, ZERO_IS_NULL, SET, BIT, JSON, GEOJSON }

    private ColumnOracle() {
    }

    /** The document re-read with exact decimals, as the comparisons need it. */
    static JsonNode exactTree(JsonNode document) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(document));
    }

    /** The columns as JDBC should read them: geometries as GeoJSON text from the server itself. */
    static String select(String table, Connection connection, Kind[] kinds) throws SQLException {
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
            boolean temporal = kind == Kind.TIME || kind == Kind.DATE || kind == Kind.DATETIME || kind == Kind.TIMESTAMP;
            expressions.add(kind == Kind.GEOJSON ? "ST_AsGeoJSON(" + name + ") AS " + name
                    : kind == Kind.BIT ? "CAST(" + name + " AS UNSIGNED) AS " + name
                    : temporal ? "CAST(" + name + " AS CHAR) AS " + name : name);
        }
        return "SELECT " + String.join(", ", expressions) + " FROM " + table + " ORDER BY 1";
    }

    /** Null when the document holds what JDBC returned, else a description of the difference. */
    static String difference(Kind kind, ResultSet result, int column, JsonNode field) throws Exception {
        String text = result.getString(column);
        boolean documentNull = field == null || field.isNull();
        if (text == null || (kind == Kind.ZERO_IS_NULL && isZero(text)) || (notADate(text)
                && (kind == Kind.DATE || kind == Kind.DATETIME || kind == Kind.TIMESTAMP))) {
            return documentNull ? null : "JDBC has " + text + " (null in documents), document has " + field;
        }
        if (kind == Kind.JSON && text.strip().equals("null")) {
            // the JSON value null is written as itself, which a document cannot tell from SQL NULL
            return documentNull ? null : "JDBC has the JSON null, document has " + field;
        }
        if (documentNull) {
            return "JDBC has " + text + ", document has null";
        }
        boolean same = switch (kind) {
            case EXACT, ZERO_IS_NULL -> field.isNumber() ? sameNumber(field, text) : field.asText().equals(text);
            case FLOAT -> Float.parseFloat(text) == field.floatValue();
            case DOUBLE -> Double.parseDouble(text) == field.doubleValue();
            case TEXT -> text.equals(field.asText());
            case TIME -> oneFractionRule(text).equals(field.asText());
            case BYTES -> Arrays.equals(result.getBytes(column), Base64.getDecoder().decode(field.asText()));
            case DATE -> LocalDate.parse(text).equals(LocalDate.parse(field.asText())) && text.equals(field.asText());
            case DATETIME -> LocalDateTime.parse(text, SQL_DATETIME).equals(LocalDateTime.parse(field.asText()))
                    && oneFractionRule(text).replace(' ', 'T').equals(field.asText());
            case TIMESTAMP -> LocalDateTime.parse(text, SQL_DATETIME).toInstant(java.time.ZoneOffset.UTC)
                    .equals(Instant.parse(field.asText()))
                    && (oneFractionRule(text).replace(' ', 'T') + "Z").equals(field.asText());
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

    /** The server's text of a temporal value with its fraction as documents write it: no trailing zeros. */
    static String oneFractionRule(String text) {
        int dot = text.lastIndexOf('.');
        if (dot < 0) {
            return text;
        }
        String fraction = text.substring(dot + 1).replaceAll("0+$", "");
        return fraction.isEmpty() ? text.substring(0, dot) : text.substring(0, dot + 1) + fraction;
    }

    /** Zero ({@code 0000-00-00}) or impossible ({@code 2024-02-30}, {@code 2024-00-10}): no real date. */
    static boolean notADate(String text) {
        try {
            LocalDate.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(5, 7)),
                    Integer.parseInt(text.substring(8, 10)));
            return false;
        } catch (DateTimeException | NumberFormatException | IndexOutOfBoundsException e) {
            return true;
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

    static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
