package io.binlogsync.source.binlog;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.RowChange;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.TableId;
import io.binlogsync.source.value.CellDecoder;
import io.binlogsync.source.value.ColumnDescriptor;

import java.io.Serializable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decodes the rows events of mapped tables into {@link RowChange}s, by the TABLE_MAP events of the open transaction
 * (which table, which columns); rows of tables nobody maps are skipped without decoding them. Used from the one
 * thread that reads the binlog.
 */
final class RowsEventDecoder {

    /** The changed rows of one rows event on a mapped table. */
    record TableRows(TableId table, List<RowChange> changes) {
    }

    private final WantedTables wanted;
    private final ColumnLayoutResolver resolver;
    private final CellDecoder decoder = new CellDecoder();
    private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();

    RowsEventDecoder(Set<TableId> wanted, ColumnLayoutResolver resolver) {
        this(new WantedTables(wanted, List.of()), resolver);
    }

    RowsEventDecoder(WantedTables wanted, ColumnLayoutResolver resolver) {
        this.wanted = wanted;
        this.resolver = resolver;
    }

    void tableMap(TableMapEventData map) {
        tableMaps.put(map.getTableId(), map);
    }

    /** At a transaction's end: every transaction sends the table maps it uses; keeping old ones only grows with
     *  table-id churn. */
    void forgetTableMaps() {
        tableMaps.clear();
    }

    /** After DDL or a reconnect: tables' columns may have changed, so layouts are resolved again. */
    void forgetLayouts() {
        resolver.forgetAll();
    }

    Optional<TableRows> inserted(WriteRowsEventData data, BinlogPosition position) throws SQLException {
        Optional<ColumnLayout> layout = layoutOf(data.getTableId(), data.getIncludedColumns(), null, position);
        return layout.map(l -> new TableRows(l.table(), singleImages(l, data.getRows(), position, true)));
    }

    Optional<TableRows> deleted(DeleteRowsEventData data, BinlogPosition position) throws SQLException {
        Optional<ColumnLayout> layout = layoutOf(data.getTableId(), data.getIncludedColumns(), null, position);
        return layout.map(l -> new TableRows(l.table(), singleImages(l, data.getRows(), position, false)));
    }

    Optional<TableRows> updated(UpdateRowsEventData data, BinlogPosition position) throws SQLException {
        Optional<ColumnLayout> layout = layoutOf(data.getTableId(), data.getIncludedColumns(),
                data.getIncludedColumnsBeforeUpdate(), position);
        if (layout.isEmpty()) {
            return Optional.empty();
        }
        ColumnLayout l = layout.get();
        List<RowChange> changes = new ArrayList<>(data.getRows().size());
        for (Map.Entry<Serializable[], Serializable[]> pair : data.getRows()) {
            changes.add(new RowChange(image(l, pair.getKey(), position), image(l, pair.getValue(), position)));
        }
        return Optional.of(new TableRows(l.table(), changes));
    }

    private List<RowChange> singleImages(ColumnLayout layout, List<Serializable[]> rows, BinlogPosition position,
                                         boolean inserted) {
        List<RowChange> changes = new ArrayList<>(rows.size());
        for (Serializable[] row : rows) {
            RowImage image = image(layout, row, position);
            changes.add(inserted ? RowChange.inserted(image) : RowChange.deleted(image));
        }
        return changes;
    }

    /** The layout of a mapped table's rows event, checked to carry whole rows; empty for tables nobody maps. */
    private Optional<ColumnLayout> layoutOf(long tableId, BitSet included, BitSet includedBefore,
                                            BinlogPosition position) throws SQLException {
        TableMapEventData map = tableMaps.get(tableId);
        if (map == null) {
            throw new IllegalStateException("rows event for table id " + tableId + " at " + position
                    + " without a preceding TABLE_MAP event");
        }
        if (!wanted.contains(new TableId(map.getDatabase(), map.getTable()))) {
            return Optional.empty();
        }
        ColumnLayout layout = resolver.resolve(map);
        requireFullImage(included, layout, position);
        if (includedBefore != null) {
            requireFullImage(includedBefore, layout, position);
        }
        return Optional.of(layout);
    }

    private static void requireFullImage(BitSet included, ColumnLayout layout, BinlogPosition position) {
        if (included != null && included.cardinality() != layout.descriptors().length) {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < layout.descriptors().length; i++) {
                if (!included.get(i)) {
                    missing.add(layout.descriptors()[i].name());
                }
            }
            throw new IllegalStateException("the row image of " + layout.table() + " at " + position
                    + " lacks columns " + missing.stream().collect(Collectors.joining(", "))
                    + ": the server writes partial row images. Set binlog_row_image=FULL on the server");
        }
    }

    private RowImage image(ColumnLayout layout, Serializable[] row, BinlogPosition position) {
        ColumnDescriptor[] descriptors = layout.descriptors();
        Object[] values = new Object[descriptors.length];
        for (int i = 0; i < descriptors.length; i++) {
            values[i] = decoder.decode(row[i], descriptors[i], layout.table(), position);
        }
        return new RowImage(layout.columns(), values);
    }
}
