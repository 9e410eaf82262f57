package io.binlogsync.source.jdbc;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code SHOW GRANTS} says about a global privilege ({@code ON *.*}) of the current user. Privileges that come
 * through a role (MySQL 8, MariaDB 10.0.5+) are not listed there, so a grant that is not found is
 * {@link Answer#UNKNOWN} when the user has roles.
 */
public final class GlobalGrants {
    private static final Pattern PRIVILEGE_GRANT = Pattern.compile("^GRANT (.+?) ON \\*\\.\\* TO ",
            Pattern.CASE_INSENSITIVE);
    /** {@code GRANT `role`@`%` TO ...} (MySQL) or {@code GRANT role TO ...} (MariaDB): a role, no {@code ON}. */
    private static final Pattern ROLE_GRANT = Pattern.compile("^GRANT (?!.* ON ).+ TO ", Pattern.CASE_INSENSITIVE);

    /** {@code GRANT privs ON `db`.* TO} or {@code ON `db`.`table` TO}: group 1 the privileges, 2 the database, 3 the table. */
    private static final Pattern SCOPED_GRANT = Pattern.compile("^GRANT (.+?) ON `((?:[^`]|``)+)`\\.(\\*|`(?:[^`]|``)+`) TO ",
            Pattern.CASE_INSENSITIVE);

    /** Whether the user holds the privilege. */
    public enum Answer { YES, NO, UNKNOWN }

    private GlobalGrants() {
    }

    /** Whether the lines of {@code SHOW GRANTS} give {@code privilege} (e.g. {@code RELOAD}) on {@code *.*}. */
    public static Answer holds(List<String> grantLines, String privilege) {
        boolean roles = false;
        for (String line : grantLines) {
            String grant = line.trim();
            Matcher matcher = PRIVILEGE_GRANT.matcher(grant);
            if (matcher.find()) {
                for (String granted : matcher.group(1).split(",")) {
                    String name = granted.trim().toUpperCase(Locale.ROOT);
                    if (name.equals(privilege.toUpperCase(Locale.ROOT)) || name.equals("ALL")
                            || name.equals("ALL PRIVILEGES")) {
                        return Answer.YES;
                    }
                }
            } else if (ROLE_GRANT.matcher(grant).find()) {
                roles = true;
            }
        }
        return roles ? Answer.UNKNOWN : Answer.NO;
    }

    /**
     * Whether the lines give {@code SELECT} on the whole of {@code table}: globally, on its database (a name that may
     * hold the {@code _} and {@code %} wildcards, {@code \\_} being a plain underscore) or on the table itself.
     * Column-level grants do not count: binlog-sync reads whole rows.
     */
    public static Answer selects(List<String> grantLines, io.binlogsync.event.TableId table) {
        Answer global = holds(grantLines, "SELECT");
        if (global == Answer.YES) {
            return global;
        }
        for (String line : grantLines) {
            Matcher matcher = SCOPED_GRANT.matcher(line.trim());
            if (matcher.find() && grantsSelect(matcher.group(1)) && databaseMatches(matcher.group(2), table.database())
                    && (matcher.group(3).equals("*")
                    || unquote(matcher.group(3)).equals(table.table()))) {
                return Answer.YES;
            }
        }
        return global;
    }

    private static boolean grantsSelect(String privileges) {
        for (String granted : privileges.split(",")) {
            String name = granted.trim().toUpperCase(Locale.ROOT);
            if (name.equals("SELECT") || name.equals("ALL") || name.equals("ALL PRIVILEGES")) {
                return true;
            }
        }
        return false;
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1).replace("``", "`");
    }

    /** A database grant's name, where {@code _} and {@code %} are wildcards unless escaped with a backslash. */
    private static boolean databaseMatches(String pattern, String database) {
        StringBuilder regex = new StringBuilder();
        String name = pattern.replace("``", "`");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' && i + 1 < name.length()) {
                regex.append(Pattern.quote(String.valueOf(name.charAt(++i))));
            } else if (c == '_') {
                regex.append('.');
            } else if (c == '%') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.matches(regex.toString(), database);
    }
}
