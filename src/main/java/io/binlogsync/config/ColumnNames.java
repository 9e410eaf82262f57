package io.binlogsync.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks a list of column names: none empty, none twice. */
final class ColumnNames {

    private ColumnNames() {
    }

    static Optional<List<String>> check(Section section, List<LocatedString> items) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean valid = true;
        for (LocatedString item : items) {
            if (item.value().isBlank()) {
                section.problem(item, "the column name is empty; write a column name or remove the entry");
                valid = false;
            } else if (!seen.add(item.value())) {
                section.problem(item, "column `" + item.value() + "` is listed twice; remove one of them");
                valid = false;
            } else {
                names.add(item.value());
            }
        }
        return valid ? Optional.of(names) : Optional.empty();
    }
}
