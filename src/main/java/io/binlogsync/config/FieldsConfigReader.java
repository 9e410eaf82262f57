package io.binlogsync.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Reads a mapping's {@code fields { include, exclude, rename, convert }} and checks they agree with each other. */
final class FieldsConfigReader {

    private FieldsConfigReader() {
    }

    static Optional<FieldsConfig> read(Section fields) {
        Optional<List<LocatedString>> include = fields.stringList("include");
        Optional<List<LocatedString>> exclude = fields.stringList("exclude");
        Optional<Map<String, LocatedString>> rename = fields.stringMap("rename");
        Section convertSection = fields.section("convert");
        Optional<Map<String, FieldConversion>> convert = FieldConversionsReader.read(convertSection);
        fields.rejectUnknownKeys();

        Optional<List<String>> includeNames = include.flatMap(items -> ColumnNames.check(fields, items));
        Optional<List<String>> excludeNames = exclude.flatMap(items -> ColumnNames.check(fields, items));
        if (Stream.of(includeNames, excludeNames, rename, convert).anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        boolean consistent = checkIncludeAgainstExclude(fields, includeNames.orElseThrow(), exclude.orElseThrow())
                & checkRename(fields, includeNames.orElseThrow(), excludeNames.orElseThrow(), rename.orElseThrow())
                & checkConvert(convertSection, includeNames.orElseThrow(), excludeNames.orElseThrow(),
                convert.orElseThrow().keySet());
        if (!consistent) {
            return Optional.empty();
        }
        Map<String, String> targets = new LinkedHashMap<>();
        rename.orElseThrow().forEach((column, target) -> targets.put(column, target.value()));
        return Optional.of(new FieldsConfig(includeNames.orElseThrow(), excludeNames.orElseThrow(), targets,
                convert.orElseThrow()));
    }

    private static boolean checkIncludeAgainstExclude(Section fields, List<String> include,
                                                      List<LocatedString> exclude) {
        boolean valid = true;
        for (LocatedString column : exclude) {
            if (include.contains(column.value())) {
                fields.problem(column, "column `" + column.value() + "` is in both include and exclude; keep it in"
                        + " one list (include names the columns to copy, exclude the columns to leave out)");
                valid = false;
            }
        }
        return valid;
    }

    private static boolean checkRename(Section fields, List<String> include, List<String> exclude,
                                       Map<String, LocatedString> rename) {
        boolean valid = true;
        Map<String, List<String>> columnsByTarget = new LinkedHashMap<>();
        for (Map.Entry<String, LocatedString> entry : rename.entrySet()) {
            String column = entry.getKey();
            LocatedString target = entry.getValue();
            if (target.value().isBlank()) {
                fields.problem(target, "the new name is empty; write the field name to use for column `" + column
                        + "`, or remove the entry");
                valid = false;
            } else {
                Optional<String> unselected = unselected(column, "rename", include, exclude);
                unselected.ifPresent(message -> fields.problem(target, message));
                valid &= unselected.isEmpty();
            }
            columnsByTarget.computeIfAbsent(target.value(), name -> new ArrayList<>()).add(column);
        }
        for (Map.Entry<String, List<String>> entry : columnsByTarget.entrySet()) {
            valid &= checkTargetUnique(fields, entry.getKey(), entry.getValue(), include, rename);
        }
        return valid;
    }

    private static boolean checkConvert(Section convert, List<String> include, List<String> exclude,
                                        Set<String> columns) {
        boolean valid = true;
        for (String column : columns) {
            Optional<String> unselected = unselected(column, "convert", include, exclude);
            unselected.ifPresent(message -> convert.problem(column, message));
            valid &= unselected.isEmpty();
        }
        return valid;
    }

    /** Why {@code setting} (rename or convert) has no effect on a column that is not copied, if it is not. */
    private static Optional<String> unselected(String column, String setting, List<String> include,
                                               List<String> exclude) {
        if (exclude.contains(column)) {
            return Optional.of("column `" + column + "` is excluded, so " + setting + " has no effect on it;"
                    + " remove it from exclude or from " + setting);
        }
        if (!include.isEmpty() && !include.contains(column)) {
            return Optional.of("column `" + column + "` is not in include, so " + setting + " has no effect on it;"
                    + " add it to include or remove it from " + setting);
        }
        return Optional.empty();
    }

    /** Two columns must not end up as one field: two renamed alike, or one renamed onto a column kept as is. */
    private static boolean checkTargetUnique(Section fields, String target, List<String> columns,
                                             List<String> include, Map<String, LocatedString> rename) {
        if (columns.size() > 1) {
            fields.problem("rename", "columns " + quoted(columns) + " are all renamed to `" + target
                    + "`; give each a different name");
            return false;
        }
        boolean targetKeptAsColumn = include.contains(target) && !rename.containsKey(target);
        if (targetKeptAsColumn) {
            fields.problem("rename", "column `" + columns.get(0) + "` is renamed to `" + target
                    + "`, but column `" + target + "` is also copied under that name; rename or exclude `"
                    + target + "`, or choose another name");
            return false;
        }
        return true;
    }

    private static String quoted(List<String> columns) {
        return "`" + String.join("`, `", columns) + "`";
    }
}
