package io.binlogsync.event;

/** One row's change: {@code before} is null for an insert, {@code after} is null for a delete. */
public record RowChange(RowImage before, RowImage after) {

    public static RowChange inserted(RowImage after) {
        return new RowChange(null, after);
    }

    public static RowChange deleted(RowImage before) {
        return new RowChange(before, null);
    }
}
