package io.binlogsync.config;

import com.typesafe.config.ConfigFactory;
import io.binlogsync.config.JoinConfig.Shape;
import io.binlogsync.event.TableId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a mapping's {@code join = [ {...}, ... ]}: each related table, the one pair of columns in {@code on}, the
 * shape ({@code fields} or {@code object} for many-to-one, {@code objects} or {@code values} with
 * {@code many = true}), the field name {@code as}, the related columns in {@code fields} with {@code rename} and
 * {@code convert} as a mapping's, and {@code order-by} for arrays. Checks against the tables come later.
 */
final class JoinConfigReader {
    private static final String EXAMPLE = "e.g. join = [{ table = \"shop.categories\", on { category_id = id },"
            + " as = category, fields = [name] }]";

    private JoinConfigReader() {
    }

    /** The joins of a mapping (none when {@code join} is absent); empty when a problem was reported. */
    static Optional<List<JoinConfig>> read(Section mapping) {
        if (mapping.isAbsent("join")) {
            return Optional.of(List.of());
        }
        List<Section> sections = mapping.nonEmptySectionList("join", ConfigFactory.empty().root(),
                "join is empty; remove it, or name a related table, " + EXAMPLE);
        List<JoinConfig> joins = new ArrayList<>();
        boolean valid = true;
        for (Section section : sections) {
            Optional<JoinConfig> join = join(section);
            join.ifPresent(joins::add);
            valid &= join.isPresent();
        }
        return valid ? Optional.of(joins) : Optional.empty();
    }

    private static Optional<JoinConfig> join(Section join) {
        Optional<TableId> table = join.requiredString("table", "name the related table as database.table, "
                + EXAMPLE).flatMap(text -> table(join, text));
        Optional<Boolean> many = join.isAbsent("many") ? Optional.of(false)
                : join.flag("many", "many = true (the related table has many rows per document: an array) or false");
        Optional<Map.Entry<String, String>> on = on(join);
        Optional<Shape> shape = join.isAbsent("shape") ? many.map(m -> m ? Shape.OBJECTS : Shape.OBJECT)
                : join.choice("shape", Shape::fromConfigValue, "a join shape", "one of "
                + EnumSpelling.all(Shape.class));
        Optional<String> as = join.optionalString("as", false);
        Optional<List<String>> columns = join.stringList("fields").flatMap(items -> ColumnNames.check(join, items));
        Optional<Map<String, LocatedString>> rename = join.isAbsent("rename") ? Optional.of(Map.of())
                : join.stringMap("rename");
        Section convertSection = join.section("convert");
        Optional<Map<String, FieldConversion>> convert = FieldConversionsReader.read(convertSection);
        Optional<String> orderBy = join.optionalString("order-by", false);
        join.rejectUnknownKeys();
        if (Stream.of(table, many, on, shape, columns, rename, convert).anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        boolean valid = checkShape(join, many.orElseThrow(), shape.orElseThrow(), as, columns.orElseThrow(),
                orderBy);
        for (String column : rename.orElseThrow().keySet()) {
            valid &= listed(join.section("rename"), column, columns.orElseThrow());
        }
        for (String column : convert.orElseThrow().keySet()) {
            valid &= listed(convertSection, column, columns.orElseThrow());
        }
        if (!valid) {
            return Optional.empty();
        }
        Map<String, String> targets = new LinkedHashMap<>();
        rename.orElseThrow().forEach((column, target) -> targets.put(column, target.value()));
        FieldsConfig fields = new FieldsConfig(columns.orElseThrow(), List.of(), targets, convert.orElseThrow());
        return Optional.of(new JoinConfig(join.path(), table.orElseThrow(), on.orElseThrow().getKey(),
                on.orElseThrow().getValue(), shape.orElseThrow(), as, fields, orderBy));
    }

    private static Optional<TableId> table(Section join, String text) {
        try {
            return Optional.of(TableId.parse(text));
        } catch (IllegalArgumentException e) {
            join.problem("table", e.getMessage() + "; write the database and the table separated by a dot");
            return Optional.empty();
        }
    }

    /** {@code on { parent_column = related_column }}: exactly one pair. */
    private static Optional<Map.Entry<String, String>> on(Section join) {
        if (!join.require("on", "say which columns match, the mapping's table's on the left: on { category_id = id }"
                + " (many-to-one) or on { id = product_id } (one-to-many)")) {
            return Optional.empty();
        }
        Optional<Map<String, LocatedString>> pairs = join.stringMap("on");
        if (pairs.isEmpty()) {
            return Optional.empty();
        }
        if (pairs.orElseThrow().size() != 1) {
            join.problem("on", "joins match on one column pair, found " + pairs.orElseThrow().size() + "; write one,"
                    + " e.g. on { category_id = id }");
            return Optional.empty();
        }
        Map.Entry<String, LocatedString> pair = pairs.orElseThrow().entrySet().iterator().next();
        if (pair.getKey().isBlank() || pair.getValue().value().isBlank()) {
            join.problem("on", "a column name is empty; write on { parent_column = related_column }");
            return Optional.empty();
        }
        return Optional.of(Map.entry(pair.getKey(), pair.getValue().value()));
    }

    private static boolean checkShape(Section join, boolean many, Shape shape, Optional<String> as,
                                      List<String> columns, Optional<String> orderBy) {
        boolean valid = true;
        if (shape.many() != many) {
            join.problem("shape", "shape = " + shape.configValue() + " is for " + (shape.many()
                    ? "many = true (an array of the related rows); add many = true"
                    : "many-to-one joins; use shape = objects or values with many = true"));
            valid = false;
        }
        if (as.isEmpty() && shape != Shape.FIELDS) {
            join.problem("as", "name the document field that holds the related " + (many ? "rows" : "row")
                    + ", e.g. as = " + (many ? "variants" : "category"));
            valid = false;
        }
        if (as.isPresent() && shape == Shape.FIELDS) {
            join.problem("as", "shape = fields puts the related columns beside the mapping's own, so `as` is unused;"
                    + " remove it, or write shape = object");
            valid = false;
        }
        if (as.isPresent() && (as.get().isBlank() || as.get().contains("."))) {
            join.problem("as", "`" + as.get() + "` is not a field name; write a name without dots");
            valid = false;
        }
        if (columns.isEmpty()) {
            join.problem("fields", "no related column is copied; name at least one, e.g. fields = [name]");
            valid = false;
        }
        if (shape == Shape.VALUES && columns.size() != 1) {
            join.problem("fields", "shape = values makes an array of one column's values; name exactly one column,"
                    + " or write shape = objects");
            valid = false;
        }
        if (orderBy.isPresent() && !many) {
            join.problem("order-by", "a many-to-one join brings one row, so there is nothing to order; remove it");
            valid = false;
        }
        return valid;
    }

    private static boolean listed(Section setting, String column, List<String> columns) {
        if (columns.contains(column)) {
            return true;
        }
        setting.problem(column, "column `" + column + "` is not in fields " + columns + ", so this has no effect; add it to"
                + " fields or remove this line");
        return false;
    }
}
