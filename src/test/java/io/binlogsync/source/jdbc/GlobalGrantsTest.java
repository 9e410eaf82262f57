package io.binlogsync.source.jdbc;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GlobalGrantsTest {

    @Test
    void mysqlsListedGlobalPrivilegesAreRead() {
        assertEquals(GlobalGrants.Answer.YES, GlobalGrants.holds(List.of(
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `sync`@`%`"),
                "RELOAD"));
        assertEquals(GlobalGrants.Answer.NO, GlobalGrants.holds(List.of(
                "GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `sync`@`%`"), "RELOAD"));
    }

    @Test
    void mariadbsGrantWithAPasswordIsRead() {
        assertEquals(GlobalGrants.Answer.YES, GlobalGrants.holds(List.of("GRANT RELOAD, BINLOG MONITOR, REPLICATION"
                + " SLAVE ON *.* TO `sync`@`%` IDENTIFIED BY PASSWORD '*ABCDEF'"), "reload"));
    }

    @Test
    void allPrivilegesIncludeIt() {
        assertEquals(GlobalGrants.Answer.YES, GlobalGrants.holds(List.of(
                "GRANT ALL PRIVILEGES ON *.* TO `admin`@`%` WITH GRANT OPTION"), "RELOAD"));
    }

    @Test
    void aPrivilegeOnOneDatabaseIsNotGlobal() {
        assertEquals(GlobalGrants.Answer.NO, GlobalGrants.holds(List.of("GRANT USAGE ON *.* TO `sync`@`%`",
                "GRANT ALL PRIVILEGES ON `shop`.* TO `sync`@`%`"), "RELOAD"));
    }

    @Test
    void aPrivilegeNamedLikeAnotherIsNotIt() {
        assertEquals(GlobalGrants.Answer.NO, GlobalGrants.holds(List.of(
                "GRANT FLUSH_TABLES ON *.* TO `sync`@`%`", "GRANT SELECT ON *.* TO `sync`@`%`"), "RELOAD"));
    }

    @Test
    void aRoleMayHoldWhatTheListLacks() {
        assertEquals(GlobalGrants.Answer.UNKNOWN, GlobalGrants.holds(List.of("GRANT SELECT ON *.* TO `sync`@`%`",
                "GRANT `replicator`@`%` TO `sync`@`%`"), "RELOAD"));
        assertEquals(GlobalGrants.Answer.UNKNOWN, GlobalGrants.holds(List.of("GRANT USAGE ON *.* TO `sync`@`%`",
                "GRANT `replicator` TO `sync`@`%`"), "RELOAD"), "MariaDB's role grant");
    }
}
