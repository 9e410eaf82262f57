package io.binlogsync.mapping.join;

import io.binlogsync.config.JoinConfig;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.SelectedFields;

import java.util.Objects;
import java.util.Optional;

/**
 * One join checked against the related table: which related rows belong to a document (the related table's
 * {@link #joinedColumn()} equals the mapping's {@link #parentColumn()}), and how their fields are written.
 */
public final class Join {
    private final JoinConfig config;
    /** The related table's columns; replaced when DDL changes them ({@link #columnsChanged}). */
    private volatile TableColumns columns;
    private final SelectedFields fields;

    Join(JoinConfig config, TableColumns columns) {
        this.config = Objects.requireNonNull(config, "config");
        this.columns = Objects.requireNonNull(columns, "columns");
        this.fields = SelectedFields.of(config.path(), config.fields());
    }

    public String path() {
        return config.path();
    }

    public TableId table() {
        return config.table();
    }

    public boolean many() {
        return config.many();
    }

    /** The mapping's table's column of {@code on}. */
    public String parentColumn() {
        return config.parentColumn();
    }

    /** The related table's column of {@code on}. */
    public String joinedColumn() {
        return config.joinedColumn();
    }

    public Optional<String> orderBy() {
        return config.orderBy();
    }

    public JoinConfig.Shape shape() {
        return config.shape();
    }

    /** The field that holds the related rows; empty for {@link JoinConfig.Shape#FIELDS}. */
    public Optional<String> as() {
        return config.as();
    }

    /** The related columns the documents carry, and the ones that order or find them: a change elsewhere is moot. */
    public boolean uses(String column) {
        return config.fields().include().contains(column) || column.equals(config.joinedColumn())
                || config.orderBy().map(column::equals).orElse(false);
    }

    TableColumns columns() {
        return columns;
    }

    public JoinConfig config() {
        return config;
    }

    /** After DDL of the related table that {@link JoinFit} found this join still fits: its columns as they are now. */
    public void columnsChanged(TableColumns now) {
        this.columns = Objects.requireNonNull(now, "now");
    }

    SelectedFields fields() {
        return fields;
    }

    @Override
    public String toString() {
        return path() + " (" + table() + ")";
    }
}
