package io.binlogsync.event;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class MappedTableNamesTest {
    private final MappedTableNames names = new MappedTableNames(Set.of(new TableId("shop", "Products")));

    @Test
    void anyMentionOfAMappedNameMayNameTheTable() {
        assertTrue(names.mayBeNamedIn("UPDATE products SET price = 1"));
        assertTrue(names.mayBeNamedIn("insert into OTHER.PRODUCTS values (1)"));
        assertTrue(names.mayBeNamedIn("ALTER TABLE products_archive ENGINE=InnoDB"));
    }

    @Test
    void sqlWithoutAMappedNameDoesNot() {
        assertFalse(names.mayBeNamedIn("UPDATE orders SET total = 1"));
        assertFalse(new MappedTableNames(Set.of()).mayBeNamedIn("UPDATE products SET price = 1"));
    }
}
