package io.binlogsync.source.binlog;

import io.binlogsync.event.DdlKind;
import io.binlogsync.event.TableId;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a DDL statement does and to which tables, from its text: enough to act on TRUNCATE, DROP and RENAME
 * of a mapped table and to name the statement that changed a table. Not a SQL parser: anything else is
 * {@link DdlKind#OTHER} or names no table.
 */
final class DdlStatement {
    /** An identifier, bare or in backquotes (see {@link #unquoted}); shared with {@link AlteredValues}. */
    static final String NAME = "(?:`(?:[^`]|``)+`|[\\w$]+)";
    private static final String TABLE = NAME + "(?:\\s*\\.\\s*" + NAME + ")?";
    static final Pattern LEADING_COMMENTS = Pattern.compile("^(?:\\s|/\\*.*?\\*/|#[^\\n]*\\n|--[^\\n]*\\n)+", Pattern.DOTALL);
    private static final Pattern TRUNCATE = Pattern.compile("(?i)^TRUNCATE\\s+(?:TABLE\\s+)?(" + TABLE + ")");
    private static final Pattern TEMPORARY = Pattern.compile("(?i)^(?:CREATE|DROP)\\s+(?:OR\\s+REPLACE\\s+)?TEMPORARY\\s");
    private static final Pattern PARTITION_REMOVAL = Pattern.compile(
            "(?i)\\b(?:TRUNCATE|DROP|EXCHANGE|REMOVE|COALESCE|REORGANIZE)\\s+PARTITION");
    private static final Pattern CREATE_OR_REPLACE = Pattern.compile("(?i)^CREATE\\s+OR\\s+REPLACE\\s+TABLE\\s+("
            + TABLE + ")");
    private static final Pattern DROP = Pattern.compile("(?i)^DROP\\s+TABLES?\\s+(?:IF\\s+EXISTS\\s+)?("
            + TABLE + "(?:\\s*,\\s*" + TABLE + ")*)");
    private static final Pattern RENAME = Pattern.compile("(?i)^RENAME\\s+TABLES?\\s+(.*)", Pattern.DOTALL);
    private static final Pattern RENAME_PAIR = Pattern.compile("(?i)(" + TABLE + ")\\s+TO\\s+(" + TABLE + ")");
    static final Pattern ALTER = Pattern.compile("(?i)^ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE\\s+(?:IF\\s+EXISTS\\s+)?("
            + TABLE + ")");
    private static final Pattern ALTER_RENAME = Pattern.compile("(?i)\\bRENAME\\s+(?:TO\\s+|AS\\s+)?(" + TABLE + ")\\s*$");
    private static final Pattern CREATE = Pattern.compile("(?i)^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TEMPORARY\\s+)?TABLE\\s+"
            + "(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + TABLE + ")");
    private static final Pattern TABLE_NAME = Pattern.compile(TABLE);

    record Parsed(DdlKind kind, List<TableId> tables) {
    }

    private DdlStatement() {
    }

    static Parsed parse(String sql, String database) {
        String statement = LEADING_COMMENTS.matcher(sql).replaceFirst("");
        Matcher matcher;
        if (TEMPORARY.matcher(statement).find()) {
            // a session's temporary table shadows, never changes, the real one of the same name
            return new Parsed(DdlKind.OTHER, List.of());
        }
        if ((matcher = CREATE_OR_REPLACE.matcher(statement)).find()) {
            // drops the old table and its rows without row events: as far as the index goes, a TRUNCATE
            return new Parsed(DdlKind.TRUNCATE, List.of(table(matcher.group(1), database)));
        }
        if ((matcher = TRUNCATE.matcher(statement)).find()) {
            return new Parsed(DdlKind.TRUNCATE, List.of(table(matcher.group(1), database)));
        }
        if ((matcher = DROP.matcher(statement)).find()) {
            return new Parsed(DdlKind.DROP, tables(matcher.group(1), database));
        }
        if ((matcher = RENAME.matcher(statement)).find()) {
            List<TableId> tables = new ArrayList<>();
            Matcher pair = RENAME_PAIR.matcher(matcher.group(1));
            while (pair.find()) {
                tables.add(table(pair.group(1), database));
                tables.add(table(pair.group(2), database));
            }
            return new Parsed(DdlKind.RENAME, tables);
        }
        if ((matcher = ALTER.matcher(statement)).find()) {
            TableId altered = table(matcher.group(1), database);
            if (PARTITION_REMOVAL.matcher(statement).find()) {
                return new Parsed(DdlKind.PARTITION_REMOVAL, List.of(altered));
            }
            Matcher renamed = ALTER_RENAME.matcher(statement);
            return renamed.find() ? new Parsed(DdlKind.RENAME, List.of(altered, table(renamed.group(1), database)))
                    : new Parsed(DdlKind.ALTER, List.of(altered));
        }
        if ((matcher = CREATE.matcher(statement)).find()) {
            return new Parsed(DdlKind.CREATE, List.of(table(matcher.group(1), database)));
        }
        return new Parsed(DdlKind.OTHER, List.of());
    }

    private static List<TableId> tables(String list, String database) {
        List<TableId> tables = new ArrayList<>();
        Matcher matcher = TABLE_NAME.matcher(list);
        while (matcher.find()) {
            tables.add(table(matcher.group(), database));
        }
        return tables;
    }

    private static TableId table(String text, String database) {
        List<String> parts = new ArrayList<>();
        Matcher name = Pattern.compile(NAME).matcher(text);
        while (name.find()) {
            parts.add(unquoted(name.group()));
        }
        return parts.size() == 2 ? new TableId(parts.get(0), parts.get(1))
                : new TableId(database == null || database.isEmpty() ? "?" : database, parts.get(0));
    }

    /** An identifier {@link #NAME} matched, without its backquotes. */
    static String unquoted(String name) {
        return name.startsWith("`") ? name.substring(1, name.length() - 1).replace("``", "`") : name;
    }
}
