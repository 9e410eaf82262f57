package io.binlogsync.event;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinlogPositionTest {
    @Test
    void ordersByFileSequenceThenOffset() {
        assertTrue(new BinlogPosition("mysql-bin.000009", 900).compareTo(new BinlogPosition("mysql-bin.000010", 4)) < 0);
        assertTrue(new BinlogPosition("mysql-bin.000010", 5).compareTo(new BinlogPosition("mysql-bin.000010", 4)) > 0);
        assertEquals(999999, new BinlogPosition("mysql-bin.999999", 4).fileSequence());
    }

    @Test
    void tableIdsParseWithAndWithoutQuotes() {
        assertEquals(new TableId("shop", "products"), TableId.parse("shop.products"));
        assertEquals(new TableId("my.db", "t"), TableId.parse("`my.db`.t"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> TableId.parse("products"));
        assertTrue(error.getMessage().contains("database.table"));
    }
}
