package io.binlogsync.source.binlog;

import io.binlogsync.source.value.DecimalCells;
import io.binlogsync.source.value.TemporalCells;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.AnnotateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.BinlogCheckpointEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.FormatDescriptionEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.GtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidListEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.PreviousGtidSetDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.QueryEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.RotateEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XAPrepareEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;
import java.io.Serializable;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The replication library's event deserializer, with row readers that read temporal cells exactly
 * ({@link TemporalCells}), DECIMALs of up to 18 digits cheaply ({@link DecimalCells}) and leave text as bytes for
 * the column's own charset. Every other event type the
 * daemon reads goes through the library's own deserializers (a repeated TABLE_MAP is parsed once:
 * {@link TableMapReuse}); the rest arrive with empty data and the translator stops on those it must not pass over
 * (compressed transactions, partial row images).
 */
final class ExactRowDeserializers {
    private static final int TABLE_MAPS_KEPT = 10_000;

    private ExactRowDeserializers() {
    }

    static EventDeserializer create() {
        Map<Long, TableMapEventData> tableMaps = new LinkedHashMap<>(128, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, TableMapEventData> eldest) {
                return size() > TABLE_MAPS_KEPT;
            }
        };
        Map<EventType, EventDataDeserializer> readers = new IdentityHashMap<>();
        readers.put(EventType.FORMAT_DESCRIPTION, new FormatDescriptionEventDataDeserializer());
        readers.put(EventType.ROTATE, new RotateEventDataDeserializer());
        readers.put(EventType.QUERY, new QueryEventDataDeserializer());
        readers.put(EventType.TABLE_MAP, new TableMapEventDataDeserializer());
        readers.put(EventType.XID, new XidEventDataDeserializer());
        readers.put(EventType.GTID, new GtidEventDataDeserializer());
        readers.put(EventType.PREVIOUS_GTIDS, new PreviousGtidSetDeserializer());
        readers.put(EventType.XA_PREPARE, new XAPrepareEventDataDeserializer());
        readers.put(EventType.ANNOTATE_ROWS, new AnnotateRowsEventDataDeserializer());
        readers.put(EventType.MARIADB_GTID, new MariadbGtidEventDataDeserializer());
        readers.put(EventType.BINLOG_CHECKPOINT, new BinlogCheckpointEventDataDeserializer());
        readers.put(EventType.MARIADB_GTID_LIST, new MariadbGtidListEventDataDeserializer());
        readers.put(EventType.WRITE_ROWS, new Inserted(tableMaps));
        readers.put(EventType.EXT_WRITE_ROWS, new Inserted(tableMaps).setMayContainExtraInformation(true));
        readers.put(EventType.UPDATE_ROWS, new Updated(tableMaps));
        readers.put(EventType.EXT_UPDATE_ROWS, new Updated(tableMaps).setMayContainExtraInformation(true));
        readers.put(EventType.DELETE_ROWS, new Deleted(tableMaps));
        readers.put(EventType.EXT_DELETE_ROWS, new Deleted(tableMaps).setMayContainExtraInformation(true));
        // read, and stopped on by the translator with a message of its own
        readers.put(EventType.TRANSACTION_PAYLOAD, new NullEventDataDeserializer());
        readers.put(EventType.PARTIAL_UPDATE_ROWS_EVENT, new NullEventDataDeserializer());
        readers.put(EventType.INTVAR, new NullEventDataDeserializer());
        readers.put(EventType.ROWS_QUERY, new NullEventDataDeserializer());
        EventDeserializer deserializer = new TableMapReuse(new TypedEventHeader.Reader(),
                new NullEventDataDeserializer(), readers, tableMaps, TABLE_MAPS_KEPT);
        deserializer.setCompatibilityMode(EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        return deserializer;
    }

    /** Returned by {@link #exact} for a cell the library reads. */
    private static final Serializable LIBRARY_READS = TemporalCells.NOT_TEMPORAL;

    /**
     * A temporal cell read exactly, a DECIMAL of up to 18 digits read without the library's byte array and
     * BigDecimal sums, or {@link #LIBRARY_READS} for every other cell.
     */
    private static Serializable exact(ColumnType type, int meta, ByteArrayInputStream in) throws IOException {
        if (type == ColumnType.NEWDECIMAL) {
            return DecimalCells.reads(meta) ? DecimalCells.read(meta, in) : LIBRARY_READS;
        }
        return TemporalCells.read(type, meta, in);
    }

    // one subclass per rows event the library knows; each only routes its cells through exact() first

    private static final class Inserted extends WriteRowsEventDataDeserializer {
        Inserted(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
                throws IOException {
            Serializable exact = exact(type, meta, in);
            return exact != LIBRARY_READS ? exact : super.deserializeCell(type, meta, length, in);
        }
    }

    private static final class Updated extends UpdateRowsEventDataDeserializer {
        Updated(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
                throws IOException {
            Serializable exact = exact(type, meta, in);
            return exact != LIBRARY_READS ? exact : super.deserializeCell(type, meta, length, in);
        }
    }

    private static final class Deleted extends DeleteRowsEventDataDeserializer {
        Deleted(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
                throws IOException {
            Serializable exact = exact(type, meta, in);
            return exact != LIBRARY_READS ? exact : super.deserializeCell(type, meta, length, in);
        }
    }
}
