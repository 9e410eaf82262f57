package io.binlogsync.mapping.join;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.binlogsync.event.RowImage;
import io.binlogsync.mapping.SelectedFields;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes the document of a joined mapping: the row's own fields, then per join the related row's fields beside
 * them ({@code fields}, nulls when there is no related row), or under {@code as} an object (null when none), an
 * array of objects or an array of one column's values (empty when none). The stream, snapshots, resyncs and verify
 * all make joined documents here. One instance per thread.
 */
public final class JoinedDocuments {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder().build();
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);

    public byte[] source(JoinedMapping joined, RowImage row, RelatedRows related) {
        buffer.reset();
        try (JsonGenerator json = FACTORY.createGenerator(buffer)) {
            json.writeStartObject();
            SelectedFields.of(joined.mapping()).writeFields(json, row);
            for (Join join : joined.joins()) {
                write(json, join, related.of(join, row.get(join.parentColumn())));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise a document of " + joined, e);
        }
        return buffer.toByteArray();
    }

    private static void write(JsonGenerator json, Join join, List<RowImage> rows) throws IOException {
        switch (join.shape()) {
            case FIELDS -> {
                if (rows.isEmpty()) {
                    join.fields().writeNulls(json, join.columns());
                } else {
                    join.fields().writeFields(json, rows.get(0));
                }
            }
            case OBJECT -> {
                json.writeFieldName(join.as().orElseThrow());
                if (rows.isEmpty()) {
                    json.writeNull();
                } else {
                    json.writeStartObject();
                    join.fields().writeFields(json, rows.get(0));
                    json.writeEndObject();
                }
            }
            case OBJECTS -> {
                json.writeFieldName(join.as().orElseThrow());
                json.writeStartArray();
                for (RowImage row : rows) {
                    json.writeStartObject();
                    join.fields().writeFields(json, row);
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            case VALUES -> {
                json.writeFieldName(join.as().orElseThrow());
                json.writeStartArray();
                for (RowImage row : rows) {
                    join.fields().writeFirstValue(json, row);
                }
                json.writeEndArray();
            }
        }
    }
}
