package io.binlogsync.source.value;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A MySQL geometry value (a 4-byte SRID, then well-known binary) as GeoJSON text, so that a geo_point or
 * geo_shape field can take it. Points, line strings, polygons, their multi forms and collections.
 */
public final class WkbGeoJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private WkbGeoJson() {
    }

    public static String convert(byte[] value) {
        if (value.length < 9) {
            throw new IllegalArgumentException("a geometry value of " + value.length + " bytes is too short");
        }
        ByteBuffer buffer = ByteBuffer.wrap(value, 4, value.length - 4);
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            geometry(buffer, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void geometry(ByteBuffer buffer, JsonGenerator json) throws IOException {
        buffer.order(buffer.get() == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int type = buffer.getInt();
        json.writeStartObject();
        switch (type) {
            case 1 -> {
                json.writeStringField("type", "Point");
                json.writeFieldName("coordinates");
                point(buffer, json);
            }
            case 2 -> {
                json.writeStringField("type", "LineString");
                json.writeFieldName("coordinates");
                points(buffer, json);
            }
            case 3 -> {
                json.writeStringField("type", "Polygon");
                json.writeFieldName("coordinates");
                rings(buffer, json);
            }
            case 4, 5, 6 -> {
                json.writeStringField("type", type == 4 ? "MultiPoint" : type == 5 ? "MultiLineString" : "MultiPolygon");
                json.writeFieldName("coordinates");
                json.writeStartArray();
                int count = buffer.getInt();
                for (int i = 0; i < count; i++) {
                    buffer.order(buffer.get() == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                    buffer.getInt();
                    switch (type) {
                        case 4 -> point(buffer, json);
                        case 5 -> points(buffer, json);
                        default -> rings(buffer, json);
                    }
                }
                json.writeEndArray();
            }
            case 7 -> {
                json.writeStringField("type", "GeometryCollection");
                json.writeArrayFieldStart("geometries");
                int count = buffer.getInt();
                for (int i = 0; i < count; i++) {
                    geometry(buffer, json);
                }
                json.writeEndArray();
            }
            default -> throw new IllegalArgumentException("unknown geometry type " + type);
        }
        json.writeEndObject();
    }

    private static void point(ByteBuffer buffer, JsonGenerator json) throws IOException {
        json.writeStartArray();
        json.writeNumber(buffer.getDouble());
        json.writeNumber(buffer.getDouble());
        json.writeEndArray();
    }

    private static void points(ByteBuffer buffer, JsonGenerator json) throws IOException {
        json.writeStartArray();
        int count = buffer.getInt();
        for (int i = 0; i < count; i++) {
            point(buffer, json);
        }
        json.writeEndArray();
    }

    private static void rings(ByteBuffer buffer, JsonGenerator json) throws IOException {
        json.writeStartArray();
        int count = buffer.getInt();
        for (int i = 0; i < count; i++) {
            points(buffer, json);
        }
        json.writeEndArray();
    }
}
