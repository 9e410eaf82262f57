package io.binlogsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binlogsync.it.ColumnOracle.Kind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * SQL literals of random values for every column type binlog-sync knows, boundaries, zero and impossible dates
 * (the session runs with {@code sql_mode = 'ALLOW_INVALID_DATES'}) and every fraction length included. Each type
 * says how the oracle compares it and whether a whole column of it can be a key.
 */
final class RandomValues {

    /** A column type: its SQL, the oracle's kind, whether it can be a primary key column, and its values. */
    record ColumnType(String sql, Kind kind, boolean keyable, Function<Random, String> literal) {
    }

    private static final String[] ENUM_LABELS = {"a", "b c", "d:e", "é"};
    private static final String[] SET_LABELS = {"x", "y z", "q:r", "ü"};

    private RandomValues() {
    }

    /** Every type of the type table (docs/types.md), MariaDB's own ones included. */
    static List<ColumnType> types() {
        List<ColumnType> types = new ArrayList<>();
        types.add(integer("TINYINT", 8, false));
        types.add(integer("TINYINT UNSIGNED", 8, true));
        types.add(integer("SMALLINT", 16, false));
        types.add(integer("SMALLINT UNSIGNED", 16, true));
        types.add(integer("MEDIUMINT", 24, false));
        types.add(integer("MEDIUMINT UNSIGNED", 24, true));
        types.add(integer("INT", 32, false));
        types.add(integer("INT UNSIGNED", 32, true));
        types.add(integer("BIGINT", 64, false));
        types.add(integer("BIGINT UNSIGNED", 64, true));
        types.add(new ColumnType("DECIMAL(10,2)", Kind.EXACT, true, r -> decimal(r, 10, 2)));
        types.add(new ColumnType("DECIMAL(65,30)", Kind.EXACT, true, r -> decimal(r, 65, 30)));
        types.add(new ColumnType("DECIMAL(5,0)", Kind.EXACT, true, r -> decimal(r, 5, 0)));
        types.add(new ColumnType("FLOAT", Kind.FLOAT, true, RandomValues::floatLiteral));
        types.add(new ColumnType("DOUBLE", Kind.DOUBLE, true, RandomValues::doubleLiteral));
        types.add(new ColumnType("BIT(1)", Kind.BIT, true, r -> bits(r, 1)));
        types.add(new ColumnType("BIT(17)", Kind.BIT, true, r -> bits(r, 17)));
        types.add(new ColumnType("BIT(64)", Kind.BIT, true, r -> bits(r, 64)));
        types.add(new ColumnType("YEAR", Kind.ZERO_IS_NULL, true,
                r -> r.nextInt(10) == 0 ? "0" : String.valueOf(1901 + r.nextInt(255))));
        types.add(new ColumnType("DATE", Kind.DATE, true, r -> quoted(date(r))));
        for (int fsp = 0; fsp <= 6; fsp++) {
            int digits = fsp;
            types.add(new ColumnType("TIME(" + fsp + ")", Kind.TIME, true, r -> quoted(time(r, digits))));
            types.add(new ColumnType("DATETIME(" + fsp + ")", Kind.DATETIME, true,
                    r -> quoted(date(r) + " " + clock(r, digits))));
            types.add(new ColumnType("TIMESTAMP(" + fsp + ")", Kind.TIMESTAMP, true, r -> quoted(timestamp(r, digits))));
        }
        types.add(new ColumnType("CHAR(10) CHARACTER SET utf8mb4", Kind.TEXT, true, r -> text(r, 10, false)));
        types.add(new ColumnType("VARCHAR(40) CHARACTER SET utf8mb4", Kind.TEXT, true, r -> text(r, 40, false)));
        types.add(new ColumnType("VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", Kind.TEXT, true,
                r -> text(r, 40, false)));
        types.add(new ColumnType("VARCHAR(40) CHARACTER SET latin1", Kind.TEXT, true, r -> text(r, 40, true)));
        types.add(new ColumnType("TEXT CHARACTER SET utf8mb4", Kind.TEXT, false, r -> text(r, 200, false)));
        types.add(new ColumnType("BINARY(8)", Kind.BYTES, true, r -> bytes(r, 8)));
        types.add(new ColumnType("VARBINARY(20)", Kind.BYTES, true, r -> bytes(r, 20)));
        types.add(new ColumnType("BLOB", Kind.BYTES, false, r -> bytes(r, 300)));
        types.add(new ColumnType("ENUM('a','b c','d:e','é')", Kind.TEXT, true,
                // a value that is no label is stored as the empty string (index 0) under a permissive sql_mode
                r -> r.nextInt(8) == 0 ? "'not a label'" : quoted(ENUM_LABELS[r.nextInt(ENUM_LABELS.length)])));
        types.add(new ColumnType("SET('x','y z','q:r','ü')", Kind.SET, true, RandomValues::set));
        types.add(new ColumnType("JSON", Kind.JSON, false, r -> utf8(json(r, 0).toString())));
        types.add(new ColumnType("UUID", Kind.TEXT, true, RandomValues::uuid));
        types.add(new ColumnType("INET4", Kind.TEXT, true, r -> quoted(inet4(r))));
        types.add(new ColumnType("INET6", Kind.TEXT, true, RandomValues::inet6));
        types.add(new ColumnType("POINT", Kind.GEOJSON, false, r -> "ST_GeomFromText('POINT(" + coordinate(r, 180)
                + " " + coordinate(r, 90) + ")')"));
        types.add(new ColumnType("LINESTRING", Kind.GEOJSON, false, RandomValues::lineString));
        return types;
    }

    private static ColumnType integer(String sql, int bits, boolean unsigned) {
        BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger max = unsigned ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        return new ColumnType(sql, Kind.EXACT, true, r -> {
            int pick = r.nextInt(10);
            if (pick == 0) {
                return min.toString();
            }
            if (pick == 1) {
                return max.toString();
            }
            if (pick == 2) {
                return "0";
            }
            BigInteger span = max.subtract(min).add(BigInteger.ONE);
            return new BigInteger(span.bitLength() + 8, r).mod(span).add(min).toString();
        });
    }

    private static String decimal(Random r, int precision, int scale) {
        int whole = precision - scale;
        StringBuilder text = new StringBuilder(r.nextBoolean() ? "-" : "");
        boolean maximal = r.nextInt(10) == 0;
        int wholeDigits = maximal ? whole : r.nextInt(whole + 1);
        text.append(wholeDigits == 0 ? "0" : digits(r, wholeDigits, maximal).replaceFirst("^0+(?=.)", ""));
        if (scale > 0) {
            text.append('.').append(digits(r, scale, maximal));
        }
        return text.toString();
    }

    private static String digits(Random r, int count, boolean nines) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append(nines ? '9' : (char) ('0' + r.nextInt(10)));
        }
        return digits.toString();
    }

    /** Six significant digits: what the server's text of a FLOAT holds, so that text names the stored float. */
    private static String floatLiteral(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> "0";
            case 1 -> "3.40282e38";
            case 2 -> "-1.17549e-38";
            default -> String.format(java.util.Locale.ROOT, "%s%d.%05de%d", r.nextBoolean() ? "-" : "",
                    1 + r.nextInt(9), r.nextInt(100_000), r.nextInt(75) - 37);
        };
    }

    private static String doubleLiteral(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> "0";
            case 1 -> "1.7976931348623157e308";
            case 2 -> "-2.2250738585072014e-308";
            default -> String.format(java.util.Locale.ROOT, "%s%d.%014de%d", r.nextBoolean() ? "-" : "",
                    1 + r.nextInt(9), (long) (r.nextDouble() * 1e14), r.nextInt(600) - 300);
        };
    }

    private static String bits(Random r, int count) {
        StringBuilder bits = new StringBuilder("b'");
        boolean allOnes = r.nextInt(8) == 0;
        for (int i = 0; i < count; i++) {
            bits.append(allOnes || r.nextBoolean() ? '1' : '0');
        }
        return bits.append('\'').toString();
    }

    /** A date: mostly real, sometimes zero, impossible (Feb 30) or with a zero month or day. */
    private static String date(Random r) {
        return switch (r.nextInt(20)) {
            case 0 -> "0000-00-00";
            case 1 -> String.format("%04d-02-%02d", 1000 + r.nextInt(9000), 30 + r.nextInt(2));
            case 2 -> String.format("%04d-00-%02d", 1000 + r.nextInt(9000), 1 + r.nextInt(28));
            case 3 -> String.format("%04d-%02d-00", 1000 + r.nextInt(9000), 1 + r.nextInt(12));
            case 4 -> r.nextBoolean() ? "1000-01-01" : "9999-12-31";
            default -> java.time.LocalDate.ofEpochDay(r.nextInt(
                    (int) java.time.LocalDate.of(9999, 12, 31).toEpochDay() - (int) java.time.LocalDate.of(1000, 1, 1)
                            .toEpochDay() + 1) + java.time.LocalDate.of(1000, 1, 1).toEpochDay()).toString();
        };
    }

    /** hh:mm:ss with {@code digits} fraction digits, sometimes a zero fraction or the day's edges. */
    private static String clock(Random r, int digits) {
        if (r.nextInt(10) == 0) {
            return r.nextBoolean() ? "00:00:00" + fraction(digits, 0) : "23:59:59" + fraction(digits, 999_999);
        }
        return String.format("%02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60))
                + fraction(digits, randomMicros(r));
    }

    /** A TIME: signed, up to 838:59:59, every fraction length. */
    private static String time(Random r, int digits) {
        int pick = r.nextInt(10);
        if (pick == 0) {
            return (r.nextBoolean() ? "-" : "") + "838:59:59";
        }
        String sign = r.nextBoolean() ? "-" : "";
        int hours = pick == 1 ? 0 : r.nextInt(838);
        return sign + String.format("%02d:%02d:%02d", hours, r.nextInt(60), r.nextInt(60))
                + fraction(digits, randomMicros(r));
    }

    /** A TIMESTAMP in UTC (the session's zone): 1970-01-01 00:00:01 to 2038-01-19 03:14:07, or zero. */
    private static String timestamp(Random r, int digits) {
        if (r.nextInt(15) == 0) {
            return "0000-00-00 00:00:00";
        }
        long seconds = 1 + (long) (r.nextDouble() * (Integer.MAX_VALUE - 1L));
        LocalDateTime utc = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        return utc.toLocalDate() + " " + String.format("%02d:%02d:%02d", utc.getHour(), utc.getMinute(),
                utc.getSecond()) + fraction(digits, randomMicros(r));
    }

    /** Micros with trailing zeros often, so shortened fractions are exercised. */
    private static int randomMicros(Random r) {
        int micros = r.nextInt(1_000_000);
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> micros / 100_000 * 100_000;
            case 2 -> micros / 1000 * 1000;
            default -> micros;
        };
    }

    private static String fraction(int digits, int micros) {
        return digits == 0 ? "" : "." + String.format("%06d", micros).substring(0, digits);
    }

    /** Up to {@code maxLength} characters: ASCII with quotes, ':' and '\', accents, Greek, CJK and emoji. */
    private static String text(Random r, int maxLength, boolean latin1) {
        int length = r.nextInt(6) == 0 ? 0 : 1 + r.nextInt(maxLength);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int pick = r.nextInt(latin1 ? 2 : 6);
            int codePoint = switch (pick) {
                case 0 -> 0x20 + r.nextInt(0x5F);
                case 1 -> 0xA0 + r.nextInt(0x60);
                case 2 -> 0x391 + r.nextInt(0x30);
                case 3 -> 0x4E00 + r.nextInt(0x500);
                case 4 -> 0x1F600 + r.nextInt(0x50);
                default -> ":\\'\"%_ ".codePointAt(r.nextInt(7));
            };
            text.appendCodePoint(codePoint);
        }
        return latin1 ? "CONVERT(x'" + HexFormat.of().formatHex(text.toString().getBytes(StandardCharsets.ISO_8859_1))
                + "' USING latin1)" : utf8(text.toString());
    }

    private static String utf8(String text) {
        return "CONVERT(x'" + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)) + "' USING utf8mb4)";
    }

    /** Up to {@code maxLength} bytes, zero bytes at the end often (the binlog drops a BINARY's trailing zeros). */
    private static String bytes(Random r, int maxLength) {
        byte[] bytes = new byte[r.nextInt(maxLength + 1)];
        r.nextBytes(bytes);
        if (bytes.length > 1 && r.nextBoolean()) {
            bytes[bytes.length - 1] = 0;
        }
        return "x'" + HexFormat.of().formatHex(bytes) + "'";
    }

    private static String set(Random r) {
        List<String> labels = new ArrayList<>();
        for (String label : SET_LABELS) {
            if (r.nextInt(3) == 0) {
                labels.add(label);
            }
        }
        return quoted(String.join(",", labels));
    }

    private static JsonNode json(Random r, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        int pick = depth >= 3 ? 2 + r.nextInt(5) : r.nextInt(7);
        return switch (pick) {
            case 0 -> {
                ObjectNode object = nodes.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    object.set("k" + r.nextInt(100) + (r.nextBoolean() ? "é😀" : ""), json(r, depth + 1));
                }
                yield object;
            }
            case 1 -> {
                ArrayNode array = nodes.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    array.add(json(r, depth + 1));
                }
                yield array;
            }
            case 2 -> nodes.numberNode(r.nextLong());
            case 3 -> nodes.numberNode(new BigDecimal(decimal(r, 12, 4)));
            case 4 -> nodes.textNode("s\"\\/\n\té😀 " + r.nextInt(1000));
            case 5 -> nodes.booleanNode(r.nextBoolean());
            default -> nodes.nullNode();
        };
    }

    /** A UUID of any version; version >= 8 with variant 0 is one MariaDB refuses, so the variant is set then. */
    private static String uuid(Random r) {
        byte[] bytes = new byte[16];
        r.nextBytes(bytes);
        if (r.nextInt(10) == 0) {
            bytes = new byte[16];
        }
        if ((bytes[6] & 0x80) != 0 && (bytes[8] & 0x80) == 0) {
            bytes[8] |= (byte) 0x80;
        }
        String hex = HexFormat.of().formatHex(bytes);
        return quoted(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20));
    }

    private static String inet4(Random r) {
        return r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
    }

    /** Any address, often with runs of zero groups, IPv4-mapped and IPv4-compatible ones among them. */
    private static String inet6(Random r) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = r.nextInt(3) == 0 ? 0 : r.nextInt(0x10000);
        }
        switch (r.nextInt(6)) {
            case 0 -> {
                return quoted("::ffff:" + inet4(r));
            }
            case 1 -> {
                return quoted("::" + inet4(r));
            }
            case 2 -> {
                return quoted("::");
            }
            default -> {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < 8; i++) {
                    text.append(i == 0 ? "" : ":").append(Integer.toHexString(words[i]));
                }
                return quoted(text.toString());
            }
        }
    }

    private static String coordinate(Random r, int limit) {
        return new BigDecimal(r.nextDouble() * 2 * limit - limit).setScale(6, java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }

    private static String lineString(Random r) {
        List<String> points = new ArrayList<>();
        for (int i = 2 + r.nextInt(3); i > 0; i--) {
            points.add(coordinate(r, 180) + " " + coordinate(r, 90));
        }
        return "ST_GeomFromText('LINESTRING(" + String.join(", ", points) + ")')";
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
