package io.binlogsync.event;

import java.util.Locale;
import java.util.Objects;

/** A table of the source, named by its database and table. Names are kept as written; MySQL compares them per its
 *  lower_case_table_names setting, we compare them exactly as the binlog spells them. */
public record TableId(String database, String table) {

    public TableId {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
        if (database.isEmpty() || table.isEmpty()) {
            throw new IllegalArgumentException("database and table must not be empty");
        }
    }

    /** Parses {@code database.table}; backquotes around either part are allowed ({@code `shop`.`products`}). */
    public static TableId parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int dot = splitPoint(trimmed);
        if (dot <= 0 || dot == trimmed.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not of the form database.table (for example shop.products)");
        }
        return new TableId(unquote(trimmed.substring(0, dot)), unquote(trimmed.substring(dot + 1)));
    }

    private static int splitPoint(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '`') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String part) {
        if (part.length() >= 2 && part.startsWith("`") && part.endsWith("`")) {
            return part.substring(1, part.length() - 1);
        }
        return part;
    }

    /** A key for case-insensitive lookups, as MySQL on most systems treats database names. */
    public String lowerCaseKey() {
        return database.toLowerCase(Locale.ROOT) + "." + table.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return database + "." + table;
    }
}
