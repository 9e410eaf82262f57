package io.binlogsync.source.binlog;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeader;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.FormatDescriptionEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ChecksumType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializationException;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The library's event deserializer, except that a TABLE_MAP event whose body (the event without its header and
 * checksum) is byte-equal to the last one of its table id is not parsed again: the data parsed then is handed out
 * again. Every transaction sends the map of each table it changes, so a stream of small transactions repeats one
 * map per transaction, and parsing it (names, metadata, charsets) cost as much as decoding the rows. The parse is
 * the library's own, from the same bytes, so the data is what the library would have made; no one changes it
 * once made.
 */
final class TableMapReuse extends EventDeserializer {
    private final Map<Long, TableMapEventData> tableMaps;
    private final Map<Long, Parsed> lastByTableId;
    private final EventDataDeserializer<TableMapEventData> parser = new TableMapEventDataDeserializer();
    /** As the library tracks it: from the client's setting at connect, then from each FORMAT_DESCRIPTION. */
    private int checksumLength;

    private record Parsed(byte[] body, TableMapEventData data) {
    }

    /**
     * @param tableMaps the map of parsed table maps the rows deserializers read, which this fills as the library
     *                  does
     * @param kept      how many table ids to remember bodies of (the least recently seen are forgotten)
     */
    TableMapReuse(EventHeaderDeserializer<?> headers, EventDataDeserializer<?> otherwise,
                  Map<EventType, EventDataDeserializer> readers, Map<Long, TableMapEventData> tableMaps, int kept) {
        super(headers, otherwise, readers, tableMaps);
        this.tableMaps = tableMaps;
        this.lastByTableId = new LinkedHashMap<>(128, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Parsed> eldest) {
                return size() > kept;
            }
        };
    }

    @Override
    public Event nextEvent(ByteArrayInputStream in) throws IOException {
        Event event = super.nextEvent(in);
        if (event != null && event.getData() instanceof FormatDescriptionEventData format) {
            checksumLength = format.getChecksumType().getLength();
        }
        return event;
    }

    @Override
    @SuppressWarnings("deprecation")
    public void setChecksumType(ChecksumType checksumType) {
        super.setChecksumType(checksumType);
        checksumLength = checksumType.getLength();
    }

    @Override
    public EventData deserializeTableMapEventData(ByteArrayInputStream in, EventHeader header) throws IOException {
        TableMapEventData data;
        try {
            byte[] body = in.read((int) header.getDataLength() - checksumLength);
            in.skip(checksumLength);
            long tableId = tableIdOf(body);
            Parsed last = lastByTableId.get(tableId);
            if (last != null && Arrays.equals(last.body, body)) {
                data = last.data;
            } else {
                data = parser.deserialize(new ByteArrayInputStream(body));
                lastByTableId.put(tableId, new Parsed(body, data));
            }
        } catch (IOException e) {
            throw new EventDataDeserializationException(header, e);
        }
        tableMaps.put(data.getTableId(), data);
        return data;
    }

    /** The first six bytes, little-endian, as the library reads them; -1 for a body too short to be a map. */
    private static long tableIdOf(byte[] body) {
        if (body.length < 6) {
            return -1;
        }
        long id = 0;
        for (int i = 5; i >= 0; i--) {
            id = (id << 8) | (body[i] & 0xFF);
        }
        return id;
    }
}
