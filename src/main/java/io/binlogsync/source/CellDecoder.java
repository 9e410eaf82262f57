package io.binlogsync.source;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import io.binlogsync.event.JsonText;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Turns the replication library's cell values into plain Java values. The library runs with
 * CHAR_AND_BINARY_AS_BYTE_ARRAY (so text is decoded here with the column's own charset) and
 * DATE_AND_TIME_AS_LONG_MICRO (micros since the epoch, wall-clock values read as UTC).
 */
final class CellDecoder {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private CellDecoder() {
    }

    static Object decode(Serializable raw, ColumnDescriptor column) {
        if (raw == null) {
            return null;
        }
        int type = column.typeCode();
        return switch (ColumnType.byCode(type)) {
            case TINY -> unsigned(raw, column, 8);
            case SHORT -> unsigned(raw, column, 16);
            case INT24 -> unsigned(raw, column, 24);
            case LONG -> unsigned(raw, column, 32);
            case LONGLONG -> unsignedLong((Long) raw, column);
            case FLOAT, DOUBLE, NEWDECIMAL, DECIMAL -> raw;
            // the library adds 1900 to the stored byte; YEAR 0000 (stored 0) is the zero value
            case YEAR -> ((Number) raw).longValue() == 1900 ? null : ((Number) raw).longValue();
            case DATE -> LocalDate.ofEpochDay(Math.floorDiv((Long) raw, 86_400_000_000L));
            case TIME, TIME_V2 -> LocalTime.ofNanoOfDay(Math.floorMod((Long) raw, 86_400_000_000L) * 1000);
            case DATETIME, DATETIME_V2 -> LocalDateTime.ofEpochSecond(Math.floorDiv((Long) raw, 1_000_000L),
                    (int) Math.floorMod((Long) raw, 1_000_000L) * 1000, ZoneOffset.UTC);
            // 0 is the zero TIMESTAMP '0000-00-00 00:00:00' (the type's range starts at 1970-01-01 00:00:01 UTC)
            case TIMESTAMP, TIMESTAMP_V2 -> (Long) raw == 0 ? null : Instant.ofEpochSecond(Math.floorDiv((Long) raw, 1_000_000L),
                    Math.floorMod((Long) raw, 1_000_000L) * 1000);
            case VARCHAR, VAR_STRING, STRING, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, BLOB -> text(raw, column);
            case ENUM -> enumLabel(((Number) raw).intValue(), column);
            case SET -> setLabels(((Number) raw).longValue(), column);
            case BIT -> bits((BitSet) raw);
            case JSON -> json((byte[]) raw);
            case GEOMETRY -> raw;
            default -> throw new IllegalArgumentException("column " + column.name() + " has type "
                    + ColumnType.byCode(type) + ", which binlog-sync does not decode yet");
        };
    }

    private static Object unsigned(Serializable raw, ColumnDescriptor column, int bits) {
        long value = ((Number) raw).longValue();
        if (column.unsigned() && value < 0) {
            value += 1L << bits;
        }
        return value;
    }

    private static Object unsignedLong(Long value, ColumnDescriptor column) {
        if (column.unsigned() && value < 0) {
            return BigInteger.valueOf(value).add(TWO_TO_64);
        }
        return value;
    }

    private static Object text(Serializable raw, ColumnDescriptor column) {
        if (raw instanceof String string) {
            return string;
        }
        byte[] bytes = (byte[]) raw;
        return column.charset() == null ? bytes : new String(bytes, column.charset());
    }

    private static Object enumLabel(int index, ColumnDescriptor column) {
        if (index == 0) {
            return "";
        }
        if (index > column.labels().size()) {
            throw new IllegalArgumentException("ENUM column " + column.name() + " has value #" + index
                    + " but only " + column.labels().size() + " labels are known");
        }
        return column.labels().get(index - 1);
    }

    private static Object setLabels(long bits, ColumnDescriptor column) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < column.labels().size(); i++) {
            if ((bits & (1L << i)) != 0) {
                labels.add(column.labels().get(i));
            }
        }
        return List.copyOf(labels);
    }

    private static Object bits(BitSet bits) {
        long[] words = bits.toLongArray();
        long value = words.length == 0 ? 0L : words[0];
        return value >= 0 ? value : BigInteger.valueOf(value).add(TWO_TO_64);
    }

    private static Object json(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return new JsonText(JsonBinary.parseAsString(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot decode a binary JSON value: " + e.getMessage(), e);
        }
    }
}
