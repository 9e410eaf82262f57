package io.binlogsync.source.jdbc;

import io.binlogsync.event.JsonText;
import io.binlogsync.event.MysqlTime;
import io.binlogsync.event.TableId;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A value of the Java class a column's cells decode to (the binlog path and {@link CellReading} make the same), for
 * checks that need to know a column's kind of value before any row arrives: whether a row filter's literal can be
 * compared with it.
 */
public final class ColumnSamples {
    private ColumnSamples() {
    }

    /** @throws IllegalArgumentException for a type binlog-sync does not know, as {@link TableSchema} reports it */
    public static Object of(TableId table, ColumnSchema column) {
        return switch (CellReading.of(table, column)) {
            case INTEGER, BIT, YEAR -> 0L;
            case DECIMAL -> BigDecimal.ZERO;
            case FLOAT -> 0f;
            case DOUBLE -> 0d;
            case DATE -> LocalDate.EPOCH;
            case DATETIME -> LocalDateTime.of(1970, 1, 1, 0, 0);
            case TIMESTAMP -> Instant.EPOCH;
            case TIME -> new MysqlTime(false, 0, 0, 0, 0);
            case TEXT, SERVER_TEXT, ENUM -> "";
            case SET -> List.of();
            case BINARY -> new byte[0];
            case JSON, GEOMETRY -> new JsonText("null");
        };
    }
}
