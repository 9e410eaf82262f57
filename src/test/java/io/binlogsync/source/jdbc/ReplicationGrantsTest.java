package io.binlogsync.source.jdbc;

import io.binlogsync.event.TableId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplicationGrantsTest {
    private static final TableId PRODUCTS = new TableId("shop", "products");
    private static final TableId CATEGORIES = new TableId("shop", "categories");

    private static List<String> missing(boolean mariadb, String... lines) {
        return ReplicationGrants.missing(List.of(lines), mariadb, List.of(PRODUCTS, CATEGORIES), "sync@%").stream()
                .map(m -> m.answer() + " " + m.grant()).toList();
    }

    @Test
    void mariadbsLeastPrivilegeAccountLacksNothing() {
        assertEquals(List.of(), missing(true,
                "GRANT REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `sync`@`%` IDENTIFIED BY PASSWORD '*AB'",
                "GRANT SELECT ON `shop`.`products` TO `sync`@`%`", "GRANT SELECT ON `shop`.`categories` TO `sync`@`%`"));
    }

    @Test
    void mysqlsSpellingAndADatabaseGrantCount() {
        assertEquals(List.of(), missing(false, "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `sync`@`%`",
                "GRANT SELECT ON `shop`.* TO `sync`@`%`"));
        assertEquals(List.of(), missing(false, "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `sync`@`%`",
                "GRANT SELECT ON `sh_p`.* TO `sync`@`%`"), "_ is a wildcard in a database grant");
    }

    @Test
    void eachMissingGrantIsOneLineWithTheStatementThatFixesIt() {
        assertEquals(List.of("NO GRANT REPLICATION SLAVE ON *.* TO 'sync'@'%'",
                "NO GRANT BINLOG MONITOR ON *.* TO 'sync'@'%'",
                "NO GRANT SELECT ON `shop`.`categories` TO 'sync'@'%'"), missing(true,
                "GRANT USAGE ON *.* TO `sync`@`%`", "GRANT SELECT ON `shop`.`products` TO `sync`@`%`"));
        assertEquals(List.of("NO GRANT REPLICATION CLIENT ON *.* TO 'sync'@'%'"), missing(false,
                "GRANT SELECT, REPLICATION SLAVE ON *.* TO `sync`@`%`"));
    }

    @Test
    void anEscapedUnderscoreColumnGrantsAndOtherDatabasesDoNotCount() {
        assertEquals(2, missing(false, "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `sync`@`%`",
                "GRANT SELECT ON `sh\\_p`.* TO `sync`@`%`").size());
        assertEquals(2, missing(false, "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `sync`@`%`",
                "GRANT SELECT (`id`, `title`) ON `shop`.`products` TO `sync`@`%`",
                "GRANT SELECT ON `shop2`.* TO `sync`@`%`").size());
    }

    @Test
    void rolesMakeTheAnswerUnknown() {
        assertEquals(List.of("UNKNOWN GRANT SELECT ON `shop`.`products` TO 'sync'@'%'",
                "UNKNOWN GRANT SELECT ON `shop`.`categories` TO 'sync'@'%'"), missing(false,
                "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `sync`@`%`", "GRANT `reader`@`%` TO `sync`@`%`"));
    }
}
