package io.binlogsync.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import io.binlogsync.config.FieldsConfig;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.UnrepresentableValue;

import java.io.IOException;

/**
 * A field selection (include, rename, convert) seen from outside this package: writes a row's selected fields into
 * a document being generated, with the same plan and conversions a mapping's own fields have. For documents
 * assembled from several rows (related tables). Safe to share between threads.
 */
public final class SelectedFields {
    private final FieldSelection selection;

    private SelectedFields(FieldSelection selection) {
        this.selection = selection;
    }

    /** @param path the config path conversions report problems at, e.g. {@code mappings[0].join[1]} */
    public static SelectedFields of(String path, FieldsConfig fields) {
        return new SelectedFields(new FieldSelection(path, fields));
    }

    /** A mapping's own fields. */
    public static SelectedFields of(TableMapping mapping) {
        return new SelectedFields(mapping.fields());
    }

    /** Writes each selected field of {@code row}, name and value, into the open object. */
    public void writeFields(JsonGenerator json, RowImage row) throws IOException {
        FieldSelection.Plan plan = selection.planFor(row.columns());
        for (int i = 0; i < plan.columnIndexes().length; i++) {
            writeName(json, plan, i);
            write(json, plan, i, row.get(plan.columnIndexes()[i]));
        }
    }

    /** Writes each field a row of {@code columns} would have, with null values: no related row. */
    public void writeNulls(JsonGenerator json, TableColumns columns) throws IOException {
        FieldSelection.Plan plan = selection.planFor(columns);
        for (int i = 0; i < plan.columnIndexes().length; i++) {
            writeName(json, plan, i);
            json.writeNull();
        }
    }

    /** Writes the value of the first selected field alone (an element of an array of values). */
    public void writeFirstValue(JsonGenerator json, RowImage row) throws IOException {
        FieldSelection.Plan plan = selection.planFor(row.columns());
        write(json, plan, 0, row.get(plan.columnIndexes()[0]));
    }

    private static void writeName(JsonGenerator json, FieldSelection.Plan plan, int i) throws IOException {
        if (plan.encodedNames()[i] != null) {
            json.writeFieldName(plan.encodedNames()[i]);
        } else {
            json.writeFieldName(plan.fieldNames()[i]);
        }
    }

    private static void write(JsonGenerator json, FieldSelection.Plan plan, int i, Object value) throws IOException {
        // a zero or impossible date: null in the document, whatever the conversion (as DocumentSerializer does)
        plan.writers()[i].write(json, value instanceof UnrepresentableValue ? null : value);
    }
}
