package io.binlogsync.config;

import io.binlogsync.event.TableId;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TablePatternTest {

    private static boolean matches(String pattern, String database, String table) {
        return TablePattern.parse(pattern).matches(new TableId(database, table));
    }

    @Test
    void aStarMatchesAnyRunWithinTheTablePart() {
        assertTrue(matches("shop.orders_*", "shop", "orders_1"));
        assertTrue(matches("shop.orders_*", "shop", "orders_2024_01"));
        assertTrue(matches("shop.orders_*", "shop", "orders_"), "the run may be empty");
        assertFalse(matches("shop.orders_*", "shop", "orders"));
        assertFalse(matches("shop.orders_*", "shop", "xorders_1"));
        assertFalse(matches("shop.orders_*", "shop2", "orders_1"));
        assertFalse(matches("shop.orders_*", "shop", "Orders_1"), "names match as the binlog spells them");
    }

    @Test
    void aStarMatchesWithinTheDatabasePartOnly() {
        assertTrue(matches("tenant_*.orders", "tenant_a", "orders"));
        assertFalse(matches("tenant_*.orders", "tenant_a", "orders_1"));
        assertFalse(matches("tenant_*.orders", "tenant", "orders"), "the underscore is literal");
        assertTrue(matches("*.orders_*", "anything", "orders_x"));
        assertTrue(matches("shop.*_archive_*", "shop", "orders_archive_2020"));
    }

    @Test
    void underscoreAndPercentAreLiteralUnlikeSqlLike() {
        assertFalse(matches("shop.orders_*", "shop", "ordersX1"));
        assertTrue(matches("shop.100%_*", "shop", "100%_a"));
        assertFalse(matches("shop.100%_*", "shop", "100xx_a"));
    }

    @Test
    void anEscapedOrBackquotedStarIsLiteral() {
        TablePattern escaped = TablePattern.parse("shop.odd\\*name");
        assertFalse(escaped.isWildcard());
        assertEquals(Optional.of(new TableId("shop", "odd*name")), escaped.exact());
        assertTrue(matches("shop.a\\*b*", "shop", "a*b7"));
        assertFalse(matches("shop.a\\*b*", "shop", "axb7"));
        assertEquals(Optional.of(new TableId("shop", "we*ird")), TablePattern.parse("shop.`we*ird`").exact());
        assertTrue(matches("`sh.op`.orders_*", "sh.op", "orders_1"), "a backquoted part may hold a dot");
        assertTrue(matches("shop.back\\\\slash*", "shop", "back\\slash1"));
    }

    @Test
    void aNameWithoutStarsIsOneTable() {
        TablePattern plain = TablePattern.parse("shop.products");
        assertFalse(plain.isWildcard());
        assertFalse(TablePattern.isPattern("shop.products"));
        assertTrue(TablePattern.isPattern("shop.products_*"));
        assertEquals(Optional.of(new TableId("shop", "products")), plain.exact());
    }

    @Test
    void badPatternsSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TablePattern.parse("orders_*")).getMessage()
                .contains("database.table"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TablePattern.parse("shop.a\\b")).getMessage()
                .contains("escapes only"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TablePattern.parse("shop.a`b`*"))
                .getMessage().contains("backquotes"));
    }

    @Test
    void likeNarrowsAndEscapesWhatSqlLikeWouldTakeAsWildcards() {
        TablePattern pattern = TablePattern.parse("tenant_*.orders_*");
        assertEquals("tenant!_%", pattern.databaseLike());
        assertEquals("orders!_%", pattern.tableLike());
        assertEquals("a!%b!!c", TablePattern.parse("s.a%b!c").tableLike());
    }

    @Test
    void tableNamesInSqlAreFoundLowerCased() {
        TablePattern pattern = TablePattern.parse("shop.Orders_*");
        assertTrue(pattern.tableNameInSql().matcher("insert into orders_7 values (1)").find());
        assertFalse(pattern.tableNameInSql().matcher("insert into products values (1)").find());
    }
}
