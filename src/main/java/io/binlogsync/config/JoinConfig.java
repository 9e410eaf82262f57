package io.binlogsync.config;

import io.binlogsync.event.TableId;

import java.util.Objects;
import java.util.Optional;

/**
 * One related table whose columns a mapping's documents carry ({@code mappings[i].join[j]}).
 *
 * @param path         where the join is written, e.g. {@code mappings[0].join[1]}, for messages about it
 * @param table        the related table
 * @param parentColumn the column of the mapping's table in {@code on} (e.g. {@code category_id}, or {@code id})
 * @param joinedColumn the related table's column it equals (e.g. categories' {@code id}, variants' {@code product_id})
 * @param shape        how the related columns appear in the document
 * @param as           the document field that holds them; empty only for {@link Shape#FIELDS}
 * @param fields       the related columns to copy ({@code fields}, in order), renamed and converted as in a mapping
 * @param orderBy      for {@code many = true}: the related column that orders the array (then its key)
 */
public record JoinConfig(String path, TableId table, String parentColumn, String joinedColumn, Shape shape,
                         Optional<String> as, FieldsConfig fields, Optional<String> orderBy) {

    /** Where the related columns go. */
    public enum Shape {
        /** many-to-one: the related row's fields beside the mapping's own (null when there is no related row). */
        FIELDS,
        /** many-to-one: an object under {@code as} (null when there is no related row). */
        OBJECT,
        /** one-to-many: an array of objects under {@code as} (empty when there are no related rows). */
        OBJECTS,
        /** one-to-many: an array of one column's values under {@code as}. */
        VALUES;

        public boolean many() {
            return this == OBJECTS || this == VALUES;
        }

        public String configValue() {
            return EnumSpelling.of(this);
        }

        static Optional<Shape> fromConfigValue(String text) {
            return EnumSpelling.parse(Shape.class, text);
        }
    }

    public JoinConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(parentColumn, "parentColumn");
        Objects.requireNonNull(joinedColumn, "joinedColumn");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(as, "as");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(orderBy, "orderBy");
    }

    public boolean many() {
        return shape.many();
    }
}
