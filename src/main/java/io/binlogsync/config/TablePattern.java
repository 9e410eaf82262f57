package io.binlogsync.config;

import io.binlogsync.event.TableId;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code table} of a mapping, read as a pattern: {@code database.table} where, in each part, {@code *} matches
 * any run of characters (none too) within that part, never across the dot: {@code shop.orders_*},
 * {@code tenant_*.orders}. Everything else is literal, {@code _} and {@code %} too (this is not SQL LIKE); write
 * {@code \*} for a literal star and {@code \\} for a backslash (in a quoted HOCON string, {@code "\\*"}), or put a
 * part in backquotes to take it literally as a whole. Names match exactly as the binlog spells them, as
 * {@link TableId}s compare.
 */
public final class TablePattern {
    private final String text;
    private final Part database;
    private final Part table;

    /** One side of the dot: literal runs with a wildcard between each two. */
    private record Part(List<String> literals, Pattern regex) {
        boolean wildcard() {
            return literals.size() > 1;
        }

        String exact() {
            return literals.get(0);
        }

        /** The SQL LIKE form, with {@code !} as its escape (one that no sql_mode changes), to narrow a listing. */
        String like() {
            StringBuilder like = new StringBuilder();
            for (int i = 0; i < literals.size(); i++) {
                if (i > 0) {
                    like.append('%');
                }
                for (char c : literals.get(i).toCharArray()) {
                    if (c == '%' || c == '_' || c == '!') {
                        like.append('!');
                    }
                    like.append(c);
                }
            }
            return like.toString();
        }
    }

    private TablePattern(String text, Part database, Part table) {
        this.text = text;
        this.database = database;
        this.table = table;
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code text}, for a config problem */
    public static TablePattern parse(String text) {
        String trimmed = Objects.requireNonNull(text, "text").trim();
        List<String> parts = split(trimmed);
        if (parts.size() != 2 || parts.get(0).isEmpty() || parts.get(1).isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not of the form database.table (for example"
                    + " shop.products, or shop.orders_* for many tables)");
        }
        return new TablePattern(trimmed, part(parts.get(0), text), part(parts.get(1), text));
    }

    /** Whether {@code text} holds a wildcard, so that it names a pattern rather than one table. */
    public static boolean isPattern(String text) {
        try {
            return parse(text).isWildcard();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Splits at the first dot outside backquotes and not escaped. */
    private static List<String> split(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && !quoted) {
                i++;
            } else if (c == '`') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                return List.of(text.substring(0, i), text.substring(i + 1));
            }
        }
        return List.of(text);
    }

    private static Part part(String written, String whole) {
        if (written.length() >= 2 && written.startsWith("`") && written.endsWith("`")) {
            String literal = written.substring(1, written.length() - 1).replace("``", "`");
            return new Part(List.of(literal), Pattern.compile(Pattern.quote(literal)));
        }
        List<String> literals = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c == '\\') {
                if (i + 1 == written.length() || (written.charAt(i + 1) != '*' && written.charAt(i + 1) != '\\')) {
                    throw new IllegalArgumentException("'" + whole + "': a backslash escapes only * or \\ (write \\*"
                            + " for a literal star, which in a quoted HOCON string is \"\\\\*\")");
                }
                run.append(written.charAt(++i));
            } else if (c == '*') {
                literals.add(run.toString());
                run.setLength(0);
            } else if (c == '`') {
                throw new IllegalArgumentException("'" + whole + "': backquotes must enclose a whole part, as in"
                        + " `shop`.`orders`");
            } else {
                run.append(c);
            }
        }
        literals.add(run.toString());
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < literals.size(); i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!literals.get(i).isEmpty()) {
                regex.append(Pattern.quote(literals.get(i)));
            }
        }
        return new Part(List.copyOf(literals), Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    public boolean isWildcard() {
        return database.wildcard() || table.wildcard();
    }

    /** The one table a pattern without a wildcard names. */
    public Optional<TableId> exact() {
        return isWildcard() ? Optional.empty() : Optional.of(new TableId(database.exact(), table.exact()));
    }

    public boolean wildcardInDatabase() {
        return database.wildcard();
    }

    public boolean wildcardInTable() {
        return table.wildcard();
    }

    public boolean matches(TableId id) {
        return database.regex().matcher(id.database()).matches() && table.regex().matcher(id.table()).matches();
    }

    /** SQL LIKE patterns (escape {@code !}) for the database and the table: a superset of the matches. */
    public String databaseLike() {
        return database.like();
    }

    public String tableLike() {
        return table.like();
    }

    /** A regex finding the table part in lower-cased SQL, to judge statements whose tables are not known. */
    public Pattern tableNameInSql() {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < table.literals().size(); i++) {
            if (i > 0) {
                regex.append("[\\w$]*");
            }
            String literal = table.literals().get(i).toLowerCase(java.util.Locale.ROOT);
            if (!literal.isEmpty()) {
                regex.append(Pattern.quote(literal));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** A stand-in id for the pattern (its text split at the dot), for code that names a mapping's table. */
    public TableId placeholder() {
        List<String> parts = split(text);
        return new TableId(parts.get(0), parts.get(1));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TablePattern pattern && pattern.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
