package io.binlogsync.event;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row as the binlog recorded it: values in column order, already converted to Java values
 * (Long, BigInteger, BigDecimal, Double, Float, String, byte[], LocalDate, LocalDateTime, Instant, ... or null).
 * The array is never handed out for writing.
 */
public final class RowImage {
    private final TableColumns columns;
    private final Object[] values;

    public RowImage(TableColumns columns, Object[] values) {
        this.columns = Objects.requireNonNull(columns, "columns");
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("row has " + values.length + " values for " + columns.size() + " columns");
        }
        this.values = values;
    }

    public TableColumns columns() {
        return columns;
    }

    public Object get(int index) {
        return values[index];
    }

    /** The value of a column; throws when the table has no such column, since that is a mapping bug, not data. */
    public Object get(String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in " + columns.names());
        }
        return values[index];
    }

    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowImage that && columns.names().equals(that.columns.names())
                && Arrays.deepEquals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(columns.names().get(i)).append('=').append(values[i]);
        }
        return text.append('}').toString();
    }
}
