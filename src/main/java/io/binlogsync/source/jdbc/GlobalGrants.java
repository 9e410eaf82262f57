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
}
