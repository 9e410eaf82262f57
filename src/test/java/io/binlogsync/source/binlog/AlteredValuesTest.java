package io.binlogsync.source.binlog;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which columns' values an ALTER TABLE may rewrite without row events, from its text. */
class AlteredValuesTest {
    private static void names(String sql, String... columns) {
        assertEquals(new AlteredValues(false, Set.of(columns)), AlteredValues.of(sql), sql);
    }

    private static void everyColumn(String sql) {
        assertEquals(AlteredValues.EVERY_COLUMN, AlteredValues.of(sql), sql);
    }

    @Test
    void modifyChangeAddDropAndRenameNameTheirColumns() {
        names("ALTER TABLE categories MODIFY name VARCHAR(3)", "name");
        names("alter table shop.`categories` modify column `Name` varchar(3) not null default 'x, y'", "name");
        names("ALTER TABLE variants MODIFY price DECIMAL(10,1), MODIFY COLUMN IF EXISTS sku CHAR(2)", "price", "sku");
        names("ALTER TABLE categories CHANGE COLUMN name title VARCHAR(3) AFTER id", "name", "title");
        names("ALTER TABLE categories CHANGE IF EXISTS `na``me` name TEXT", "na`me", "name");
        names("ALTER TABLE categories ADD COLUMN note VARCHAR(16) FIRST", "note");
        names("ALTER TABLE categories ADD IF NOT EXISTS note INT, ADD `index` INT", "note", "index");
        names("ALTER TABLE categories ADD COLUMN (a DECIMAL(4,2), b ENUM('x','y'))", "a", "b");
        names("ALTER TABLE categories DROP COLUMN IF EXISTS note, DROP other", "note", "other");
        names("ALTER TABLE categories RENAME COLUMN name TO title", "name", "title");
    }

    @Test
    void clausesThatKeepEveryValueNameNone() {
        names("ALTER TABLE categories ADD INDEX (slug)");
        names("ALTER TABLE categories ADD UNIQUE KEY slug (slug), ADD FULLTEXT (name), ADD SPATIAL INDEX (g)");
        names("ALTER TABLE products ADD CONSTRAINT fk FOREIGN KEY (category_id) REFERENCES categories (id)");
        names("ALTER TABLE products ADD CONSTRAINT CHECK (id > 0), ADD CHECK (id < 10)");
        names("ALTER TABLE products DROP INDEX slug, DROP KEY k, DROP FOREIGN KEY fk, DROP CONSTRAINT c, DROP CHECK d");
        names("ALTER TABLE products RENAME INDEX a TO b, RENAME KEY c TO d, ALTER INDEX e IGNORED");
        names("ALTER TABLE products ALTER COLUMN name SET DEFAULT 'x', ALTER slug DROP DEFAULT");
        names("ALTER TABLE products COMMENT 'a, b', AUTO_INCREMENT = 10, ROW_FORMAT=DYNAMIC, ALGORITHM=INPLACE, LOCK=NONE");
        names("ALTER TABLE products DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, ORDER BY name, FORCE");
        names("ALTER TABLE products WAIT 5 DISABLE KEYS");
        names("ALTER TABLE products NOWAIT ENABLE KEYS;");
        names("ALTER TABLE products");
        names("/* by hand */ ALTER ONLINE TABLE products ADD INDEX (name)");
    }

    @Test
    void whatTheTextCannotTellIsEveryColumn() {
        everyColumn("ALTER TABLE categories CONVERT TO CHARACTER SET latin1");
        everyColumn("ALTER TABLE categories ADD INDEX (slug), CONVERT TO CHARSET utf8mb4");
        everyColumn("ALTER TABLE categories ADD PRIMARY KEY (id)");
        everyColumn("ALTER TABLE categories ADD CONSTRAINT pk PRIMARY KEY (id)");
        everyColumn("ALTER TABLE categories DROP PRIMARY KEY");
        everyColumn("ALTER TABLE categories ENGINE = Aria");
        everyColumn("ALTER TABLE categories COMMENT 'x' ENGINE=BLACKHOLE");
        everyColumn("ALTER IGNORE TABLE categories ADD UNIQUE (name)");
        everyColumn("ALTER TABLE categories ADD INDEX (slug) /* and then */");
        everyColumn("ALTER TABLE categories MODIFY name TEXT -- comment\n");
        everyColumn("ALTER TABLE categories PARTITION BY HASH (id) PARTITIONS 4");
        everyColumn("ALTER TABLE categories ALTER COLUMN name SET INVISIBLE");
        everyColumn("ALTER TABLE categories MODIFY \"name\" TEXT");
        everyColumn("ALTER TABLE categories DISCARD TABLESPACE");
        everyColumn("CREATE INDEX i ON categories (name)");
    }

    @Test
    void namesCompareWithoutCase() {
        AlteredValues altered = AlteredValues.of("ALTER TABLE categories MODIFY NAME VARCHAR(3)");
        assertTrue(altered.mayRewrite("name"));
        assertTrue(altered.mayRewrite("Name"));
        assertFalse(altered.mayRewrite("slug"));
        assertTrue(AlteredValues.EVERY_COLUMN.mayRewrite("slug"));
    }
}
