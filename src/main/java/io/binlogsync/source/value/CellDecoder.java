package io.binlogsync.source.value;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.JsonText;
import io.binlogsync.event.TableId;
import io.binlogsync.event.UnrepresentableValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the replication library's cell values into plain Java values. Text arrives as bytes (the library runs
 * with CHAR_AND_BINARY_AS_BYTE_ARRAY) and is decoded here with the column's own charset; dates and times arrive
 * already exact from {@link TemporalCells}. Zero and impossible dates stay {@link UnrepresentableValue}s (null in
 * documents, their text in ids and keys), with one warning per column.
 * Used from the binlog reader's thread only.
 */
public final class CellDecoder {
    private static final Logger log = LoggerFactory.getLogger(CellDecoder.class);
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private final Set<String> warnedColumns = new HashSet<>();

    public Object decode(Serializable raw, ColumnDescriptor column, TableId table, BinlogPosition position) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof UnrepresentableValue invalid) {
            if (warnedColumns.add(table + "." + column.name())) {
                log.warn("column {}.{} holds the zero or invalid value '{}' (first seen at binlog {}); it becomes null"
                        + " in documents, and ids and cache keys use its text (warned once per column)", table,
                        column.name(), invalid.serverText(), position);
            }
            return invalid;
        }
        ColumnType type = column.type();
        if (type == null) {
            throw new IllegalArgumentException("column " + column.name() + " has the type code " + column.typeCode()
                    + ", which binlog-sync does not know");
        }
        return switch (type) {
            case TINY -> unsigned(raw, column, 8);
            case SHORT -> unsigned(raw, column, 16);
            case INT24 -> unsigned(raw, column, 24);
            case LONG -> unsigned(raw, column, 32);
            case LONGLONG -> unsignedLong((Long) raw, column);
            case FLOAT, DOUBLE, NEWDECIMAL, DECIMAL -> raw;
            case DATE, TIME, TIME_V2, DATETIME, DATETIME_V2, TIMESTAMP, TIMESTAMP_V2, YEAR -> raw;
            case VARCHAR, VAR_STRING, STRING, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, BLOB -> text(raw, column);
            case ENUM -> enumLabel(((Number) raw).intValue(), column);
            case SET -> setLabels(((Number) raw).longValue(), column);
            case BIT -> bits((BitSet) raw);
            case JSON -> json((byte[]) raw);
            case GEOMETRY -> new JsonText(WkbGeoJson.convert((byte[]) raw));
            default -> throw new IllegalArgumentException("column " + column.name() + " has type "
                    + type + ", which binlog-sync does not decode yet");
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
            return column.json() ? JsonColumnText.checked(string, column.name()) : string;
        }
        byte[] bytes = (byte[]) raw;
        if (column.mariadbType() != null) {
            return column.mariadbType().textOf(bytes);
        }
        if (column.charset() == null) {
            // BINARY(n) is padded with zero bytes to n, as a SELECT returns it; the binlog leaves them out
            return bytes.length < column.fixedLength() ? java.util.Arrays.copyOf(bytes, column.fixedLength()) : bytes;
        }
        if (column.json() && column.charset().equals(java.nio.charset.StandardCharsets.UTF_8)) {
            return JsonColumnText.checkedUtf8(bytes, column.name());
        }
        String string = new String(bytes, column.charset());
        return column.json() ? JsonColumnText.checked(string, column.name()) : string;
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
