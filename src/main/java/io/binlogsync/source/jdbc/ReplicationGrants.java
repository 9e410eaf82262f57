package io.binlogsync.source.jdbc;

import io.binlogsync.event.TableId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The privileges the replication account needs, checked against {@code SHOW GRANTS}: REPLICATION SLAVE for the
 * binlog dump, REPLICATION CLIENT (MariaDB 10.5+: BINLOG MONITOR, which it now stands for) for SHOW MASTER STATUS and
 * SHOW BINARY LOGS, and SELECT on each mapped table for its definition and for snapshots, resync and verify.
 * RELOAD is the snapshot's business (see CheckCommand).
 */
public final class ReplicationGrants {

    /** A privilege the account lacks (or may lack, when it has roles), with the statement that grants it. */
    public record Missing(String privilege, String purpose, String grant, GlobalGrants.Answer answer) {
    }

    private ReplicationGrants() {
    }

    /** @param account as {@code CURRENT_USER()} gives it, {@code user@host} */
    public static List<Missing> missing(List<String> grantLines, boolean mariadb, Collection<TableId> tables,
                                        String account) {
        String to = " TO " + quotedAccount(account);
        List<Missing> missing = new ArrayList<>();
        GlobalGrants.Answer slave = GlobalGrants.holds(grantLines, "REPLICATION SLAVE");
        if (slave != GlobalGrants.Answer.YES) {
            missing.add(new Missing("REPLICATION SLAVE", "reading the binlog stream",
                    "GRANT REPLICATION SLAVE ON *.*" + to, slave));
        }
        GlobalGrants.Answer client = best(GlobalGrants.holds(grantLines, "REPLICATION CLIENT"),
                GlobalGrants.holds(grantLines, "BINLOG MONITOR"));
        if (client != GlobalGrants.Answer.YES) {
            String privilege = mariadb ? "BINLOG MONITOR" : "REPLICATION CLIENT";
            missing.add(new Missing(privilege, "SHOW MASTER STATUS and SHOW BINARY LOGS",
                    "GRANT " + privilege + " ON *.*" + to, client));
        }
        for (TableId table : tables) {
            GlobalGrants.Answer select = GlobalGrants.selects(grantLines, table);
            if (select != GlobalGrants.Answer.YES) {
                missing.add(new Missing("SELECT on " + table, "the table's columns, snapshots, resync and verify",
                        "GRANT SELECT ON `" + table.database().replace("`", "``") + "`.`"
                                + table.table().replace("`", "``") + "`" + to, select));
            }
        }
        return missing;
    }

    private static GlobalGrants.Answer best(GlobalGrants.Answer a, GlobalGrants.Answer b) {
        if (a == GlobalGrants.Answer.YES || b == GlobalGrants.Answer.YES) {
            return GlobalGrants.Answer.YES;
        }
        return a == GlobalGrants.Answer.UNKNOWN || b == GlobalGrants.Answer.UNKNOWN ? GlobalGrants.Answer.UNKNOWN
                : GlobalGrants.Answer.NO;
    }

    /** {@code sync@%} as {@code 'sync'@'%'}. */
    static String quotedAccount(String account) {
        int at = account.lastIndexOf('@');
        String user = at < 0 ? account : account.substring(0, at);
        String host = at < 0 ? "%" : account.substring(at + 1);
        return "'" + user.replace("'", "''") + "'@'" + host.replace("'", "''") + "'";
    }
}
