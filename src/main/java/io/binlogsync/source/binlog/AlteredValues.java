package io.binlogsync.source.binlog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns whose values an {@code ALTER TABLE} may have rewritten in place, without row events, as far as its
 * text tells: those it modifies, changes, adds, drops or renames (a {@code MODIFY name VARCHAR(3)} in a non-strict
 * sql_mode truncates them, a smaller scale rounds them), or {@link #EVERY_COLUMN} when the text cannot tell which
 * ({@code CONVERT TO CHARACTER SET}, a primary key added or dropped, an engine change, {@code ALTER IGNORE}, which
 * may delete rows, a comment inside, a clause not known here). Clauses that keep every value as it is (indexes,
 * foreign keys, checks, column defaults, table options, {@code ORDER BY}) name none. Names are lower-cased: MariaDB
 * compares column names without case.
 *
 * @param everyColumn whether any column's values may have changed
 * @param columns     the columns whose values may have changed, lower-cased (when not every column)
 */
public record AlteredValues(boolean everyColumn, Set<String> columns) {
    public static final AlteredValues EVERY_COLUMN = new AlteredValues(true, Set.of());

    /** Identifiers (backquoted or bare), strings, numbers and single characters. */
    private static final Pattern TOKEN = Pattern.compile(DdlStatement.NAME
            + "|'(?:[^'\\\\]|\\\\.|'')*'|\"(?:[^\"\\\\]|\\\\.|\"\")*\"|\\S");
    private static final Pattern IGNORE = Pattern.compile("(?i)\\bIGNORE\\b");
    private static final Set<String> INDEXES = Set.of("INDEX", "KEY", "UNIQUE", "FULLTEXT", "SPATIAL", "FOREIGN",
            "CHECK");
    /** Table options that leave the rows as they are ({@code ENGINE} copies them into another engine: not here). */
    private static final Set<String> KEPT_VALUES = Set.of("ALGORITHM", "LOCK", "FORCE", "ORDER", "ENABLE", "DISABLE",
            "DEFAULT", "CHARACTER", "CHARSET", "COLLATE", "AUTO_INCREMENT", "AVG_ROW_LENGTH", "CHECKSUM", "COMMENT",
            "DELAY_KEY_WRITE", "KEY_BLOCK_SIZE", "MAX_ROWS", "MIN_ROWS", "PACK_KEYS", "PAGE_CHECKSUM", "ROW_FORMAT",
            "STATS_AUTO_RECALC", "STATS_PERSISTENT", "STATS_SAMPLE_PAGES", "TRANSACTIONAL", "PAGE_COMPRESSED",
            "PAGE_COMPRESSION_LEVEL", "ENCRYPTED", "ENCRYPTION_KEY_ID");

    public AlteredValues {
        columns = Set.copyOf(columns);
    }

    /** Whether {@code column}'s values may have changed. */
    public boolean mayRewrite(String column) {
        return everyColumn || columns.contains(column.toLowerCase(Locale.ROOT));
    }

    /** What {@code sql}, an {@code ALTER TABLE} as the binlog carries it, may have rewritten. */
    public static AlteredValues of(String sql) {
        String statement = DdlStatement.LEADING_COMMENTS.matcher(sql).replaceFirst("");
        Matcher alter = DdlStatement.ALTER.matcher(statement);
        if (!alter.find() || IGNORE.matcher(statement.substring(0, alter.start(1))).find()) {
            return EVERY_COLUMN;
        }
        List<String> tokens = new ArrayList<>();
        Matcher token = TOKEN.matcher(statement.substring(alter.end()));
        while (token.find()) {
            tokens.add(token.group());
        }
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).equals(";")) {
            tokens.remove(tokens.size() - 1);
        }
        if (startsComment(tokens)) {
            return EVERY_COLUMN;
        }
        Set<String> columns = new LinkedHashSet<>();
        for (List<String> clause : clauses(skipWait(tokens))) {
            if (!clause.isEmpty() && !named(clause, columns)) {
                return EVERY_COLUMN;
            }
        }
        return new AlteredValues(false, columns);
    }

    private static boolean startsComment(List<String> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            String here = tokens.get(i);
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
            if (here.equals("#") || here.equals("/") && next.equals("*") || here.equals("-") && next.equals("-")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> skipWait(List<String> tokens) {
        if (!tokens.isEmpty() && keyword(tokens.get(0)).equals("NOWAIT")) {
            return tokens.subList(1, tokens.size());
        }
        return tokens.size() >= 2 && keyword(tokens.get(0)).equals("WAIT") ? tokens.subList(2, tokens.size()) : tokens;
    }

    /** The comma-separated clauses, commas inside parentheses (a {@code DECIMAL(10,2)}) left in. */
    private static List<List<String>> clauses(List<String> tokens) {
        List<List<String>> clauses = new ArrayList<>();
        List<String> clause = new ArrayList<>();
        int depth = 0;
        for (String token : tokens) {
            if (token.equals(",") && depth == 0) {
                clauses.add(clause);
                clause = new ArrayList<>();
                continue;
            }
            depth += token.equals("(") ? 1 : token.equals(")") ? -1 : 0;
            clause.add(token);
        }
        clauses.add(clause);
        return clauses;
    }

    /**
     * Adds the columns whose values {@code clause} may rewrite; false when it cannot tell (any column may change).
     */
    private static boolean named(List<String> clause, Set<String> columns) {
        String first = keyword(clause.get(0));
        String second = keyword(at(clause, 1));
        return switch (first) {
            case "ADD" -> added(clause, columns);
            case "DROP" -> {
                if (INDEXES.contains(second) || second.equals("CONSTRAINT")) {
                    yield true;
                }
                yield !second.equals("PRIMARY") && column(clause, 1, columns, 1);
            }
            case "MODIFY" -> column(clause, 1, columns, 1);
            case "CHANGE" -> column(clause, 1, columns, 2);
            case "RENAME" -> INDEXES.contains(second) || second.equals("COLUMN") && renamedColumn(clause, columns);
            case "ALTER" -> INDEXES.contains(second) || defaultOnly(clause);
            case "CONVERT" -> false;
            default -> KEPT_VALUES.contains(first) && clause.stream().noneMatch(t -> keyword(t).equals("ENGINE"));
        };
    }

    private static boolean added(List<String> clause, Set<String> columns) {
        int at = 1;
        if (keyword(at(clause, at)).equals("CONSTRAINT")) {
            at++;
            if (!INDEXES.contains(keyword(at(clause, at))) && !keyword(at(clause, at)).equals("PRIMARY")) {
                at++; // the constraint's name
            }
        }
        String what = keyword(at(clause, at));
        if (what.equals("PRIMARY")) {
            return false;
        }
        if (INDEXES.contains(what)) {
            return true;
        }
        if (what.equals("PARTITION")) {
            return true; // a new, empty partition
        }
        if (at > 1) {
            return false; // a constraint of a kind not known here
        }
        if (what.equals("COLUMN")) {
            at++;
        }
        at = skipCondition(clause, at);
        if (!at(clause, at).equals("(")) {
            return column(clause, at, columns, 1);
        }
        // ADD COLUMN (a INT, b INT): the first name of each definition
        int depth = 0;
        boolean expectName = true;
        for (String token : clause.subList(at + 1, clause.size())) {
            if (depth == 0 && expectName) {
                if (!isName(token)) {
                    return false;
                }
                columns.add(name(token));
                expectName = false;
            } else if (token.equals("(")) {
                depth++;
            } else if (token.equals(")")) {
                depth--;
            } else if (token.equals(",") && depth == 0) {
                expectName = true;
            }
        }
        return true;
    }

    /** {@code [COLUMN] [IF [NOT] EXISTS] name...} from {@code at}: adds {@code count} names. */
    private static boolean column(List<String> clause, int at, Set<String> columns, int count) {
        if (keyword(at(clause, at)).equals("COLUMN")) {
            at++;
        }
        at = skipCondition(clause, at);
        for (int i = 0; i < count; i++) {
            if (!isName(at(clause, at + i))) {
                return false;
            }
            columns.add(name(at(clause, at + i)));
        }
        return true;
    }

    private static boolean renamedColumn(List<String> clause, Set<String> columns) {
        if (!isName(at(clause, 2)) || !keyword(at(clause, 3)).equals("TO") || !isName(at(clause, 4))) {
            return false;
        }
        columns.add(name(at(clause, 2)));
        columns.add(name(at(clause, 4)));
        return true;
    }

    /** {@code ALTER [COLUMN] name SET DEFAULT ... | DROP DEFAULT}: existing values stay. */
    private static boolean defaultOnly(List<String> clause) {
        int at = keyword(at(clause, 1)).equals("COLUMN") ? 2 : 1;
        at = skipCondition(clause, at);
        String action = keyword(at(clause, at + 1));
        return isName(at(clause, at)) && (action.equals("SET") || action.equals("DROP"))
                && keyword(at(clause, at + 2)).equals("DEFAULT");
    }

    private static int skipCondition(List<String> clause, int at) {
        if (!keyword(at(clause, at)).equals("IF")) {
            return at;
        }
        return keyword(at(clause, at + 1)).equals("NOT") ? at + 3 : at + 2;
    }

    private static String at(List<String> clause, int index) {
        return index < clause.size() ? clause.get(index) : "";
    }

    /** The token upper-cased when it is a bare word (a backquoted name is never a keyword), else "". */
    private static String keyword(String token) {
        return token.matches("[\\w$]+") ? token.toUpperCase(Locale.ROOT) : "";
    }

    private static boolean isName(String token) {
        return token.startsWith("`") || token.matches("[\\w$]+") && !token.matches("\\d+");
    }

    private static String name(String token) {
        return DdlStatement.unquoted(token).toLowerCase(Locale.ROOT);
    }
}
