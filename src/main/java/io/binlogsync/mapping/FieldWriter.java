package io.binlogsync.mapping;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** Writes one column's value as a document field's value; chosen once per field in a plan, never per row. */
@FunctionalInterface
interface FieldWriter {
    /** Writes {@code value} as it comes from the row, null included, with no conversion. */
    FieldWriter AS_IS = JsonValueWriter::write;

    void write(JsonGenerator json, Object value) throws IOException;
}
