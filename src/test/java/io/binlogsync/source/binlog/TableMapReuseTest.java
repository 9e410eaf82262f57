package io.binlogsync.source.binlog;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ChecksumType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializationException;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TableMapReuseTest {
    private static final int TABLE_MAP = 19;
    private static final int LONG = 3;
    private static final int VARCHAR = 15;

    @Test
    void aMapRepeatedWithAnotherHeaderAndChecksumIsTheDataParsedBefore() throws IOException {
        for (ChecksumType checksum : List.of(ChecksumType.CRC32, ChecksumType.NONE)) {
            Map<Long, TableMapEventData> tableMaps = new HashMap<>();
            TableMapReuse reuse = deserializer(tableMaps, 10);
            reuse.setChecksumType(checksum);
            byte[] body = tableMapBody(42, "shop", "items", "id", "name");
            TableMapEventData first = read(reuse, event(100, body, checksum, 1));
            TableMapEventData again = read(reuse, event(900, body, checksum, 2));

            assertSame(first, again);
            assertSame(again, tableMaps.get(42L));
            assertEquals(library(event(100, body, checksum, 1), checksum), first.toString());
        }
    }

    @Test
    void aMapThatDiffersInAnyByteIsParsedAgain() throws IOException {
        Map<Long, TableMapEventData> tableMaps = new HashMap<>();
        TableMapReuse reuse = deserializer(tableMaps, 10);
        reuse.setChecksumType(ChecksumType.CRC32);
        byte[] before = tableMapBody(42, "shop", "items", "id", "name");
        byte[] renamed = tableMapBody(42, "shop", "items", "id", "title");
        TableMapEventData first = read(reuse, event(100, before, ChecksumType.CRC32, 1));
        TableMapEventData second = read(reuse, event(200, renamed, ChecksumType.CRC32, 1));
        assertSame(second, tableMaps.get(42L));
        TableMapEventData third = read(reuse, event(300, before, ChecksumType.CRC32, 1));

        assertNotSame(first, second);
        assertEquals(List.of("id", "title"), second.getEventMetadata().getColumnNames());
        assertSame(third, tableMaps.get(42L));
        assertNotSame(second, third);
        assertEquals(first.toString(), third.toString());
        assertEquals(library(event(200, renamed, ChecksumType.CRC32, 1), ChecksumType.CRC32), second.toString());
    }

    @Test
    void mapsOfOtherTableIdsAreKeptApartAndTheLeastRecentIsForgotten() throws IOException {
        TableMapReuse reuse = deserializer(new HashMap<>(), 2);
        reuse.setChecksumType(ChecksumType.NONE);
        byte[] one = tableMapBody(1, "shop", "a", "id", "name");
        byte[] two = tableMapBody(2, "shop", "b", "id", "name");
        byte[] three = tableMapBody(3, "shop", "c", "id", "name");
        TableMapEventData a = read(reuse, event(100, one, ChecksumType.NONE, 0));
        TableMapEventData b = read(reuse, event(200, two, ChecksumType.NONE, 0));
        assertSame(a, read(reuse, event(300, one, ChecksumType.NONE, 0)));
        read(reuse, event(400, three, ChecksumType.NONE, 0));

        assertNotSame(b, read(reuse, event(500, two, ChecksumType.NONE, 0)));
        assertEquals("b", b.getTable());
    }

    @Test
    void aBrokenMapFailsAsTheLibrarysDoesAndTheStreamGoesOnAfterIt() throws IOException {
        TableMapReuse reuse = deserializer(new HashMap<>(), 10);
        reuse.setChecksumType(ChecksumType.CRC32);
        byte[] body = tableMapBody(42, "shop", "items", "id", "name");
        byte[] broken = java.util.Arrays.copyOf(body, body.length);
        broken[broken.length - 10] = (byte) 99; // the metadata field's type: COLUMN_NAME becomes one nobody knows

        ByteArrayInputStream stream = new ByteArrayInputStream(concat(event(100, broken, ChecksumType.CRC32, 1),
                event(200, body, ChecksumType.CRC32, 1)));
        assertThrows(EventDataDeserializationException.class, () -> reuse.nextEvent(stream));
        Event next = reuse.nextEvent(stream);
        assertEquals("items", ((TableMapEventData) next.getData()).getTable());
    }

    private static TableMapReuse deserializer(Map<Long, TableMapEventData> tableMaps, int kept) {
        Map<EventType, EventDataDeserializer> readers = new IdentityHashMap<>();
        readers.put(EventType.TABLE_MAP, new TableMapEventDataDeserializer());
        return new TableMapReuse(new TypedEventHeader.Reader(), new NullEventDataDeserializer(), readers, tableMaps,
                kept);
    }

    private static TableMapEventData read(TableMapReuse reuse, byte[] event) throws IOException {
        return (TableMapEventData) reuse.nextEvent(new ByteArrayInputStream(event)).getData();
    }

    /** What the library's own deserializer makes of the event, as text. */
    @SuppressWarnings("deprecation")
    private static String library(byte[] event, ChecksumType checksum) throws IOException {
        EventDeserializer library = new EventDeserializer();
        library.setChecksumType(checksum);
        return library.nextEvent(new ByteArrayInputStream(event)).getData().toString();
    }

    /** A v4 event: header (its position and checksum vary the bytes around the body), body, checksum. */
    private static byte[] event(long position, byte[] body, ChecksumType checksum, int checksumSeed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = 19 + body.length + checksum.getLength();
        littleEndian(out, position * 7, 4); // timestamp
        out.write(TABLE_MAP);
        littleEndian(out, 1, 4);
        littleEndian(out, length, 4);
        littleEndian(out, position + length, 4);
        littleEndian(out, 0, 2);
        out.writeBytes(body);
        for (int i = 0; i < checksum.getLength(); i++) {
            out.write(checksumSeed * 31 + (int) position + i);
        }
        return out.toByteArray();
    }

    /** A map of two columns, {@code id INT} and {@code <second> VARCHAR(64)}, with their names (row metadata FULL). */
    private static byte[] tableMapBody(long tableId, String database, String table, String first, String second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        littleEndian(out, tableId, 6);
        littleEndian(out, 1, 2);
        text(out, database);
        out.write(0);
        text(out, table);
        out.write(0);
        out.write(2); // columns
        out.write(LONG);
        out.write(VARCHAR);
        out.write(2); // metadata length: the VARCHAR's two bytes
        littleEndian(out, 256, 2);
        out.write(0b10); // nullability
        byte[] names = concat(lengthEncoded(first), lengthEncoded(second));
        out.write(4); // COLUMN_NAME
        out.write(names.length);
        out.writeBytes(names);
        return out.toByteArray();
    }

    private static byte[] lengthEncoded(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        text(out, text);
        return out.toByteArray();
    }

    private static void text(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static void littleEndian(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
