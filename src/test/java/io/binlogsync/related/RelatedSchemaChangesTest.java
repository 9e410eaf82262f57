package io.binlogsync.related;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.DdlKind;
import io.binlogsync.event.SchemaChanged;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.MappingCompiler;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.mapping.join.Join;
import io.binlogsync.mapping.join.JoinCompiler;
import io.binlogsync.mapping.join.JoinedMapping;
import io.binlogsync.source.jdbc.ColumnSchema;
import io.binlogsync.source.jdbc.TableRowReader;
import io.binlogsync.source.jdbc.TableSchema;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DDL of a joined mapping's tables: re-read when the joins still fit, a stop naming the misfit when not. */
class RelatedSchemaChangesTest {
    private static final TableId PRODUCTS = TableId.parse("shop.products");
    private static final TableId CATEGORIES = TableId.parse("shop.categories");
    private static final TableId VARIANTS = TableId.parse("shop.variants");
    private static final BinlogPosition AT = new BinlogPosition("mysql-bin.000003", 1234);

    private final Map<TableId, TableSchema> now = new HashMap<>(Map.of(
            PRODUCTS, schema(PRODUCTS, "id", "title", "category_id"),
            CATEGORIES, schema(CATEGORIES, "id", "name"),
            VARIANTS, schema(VARIANTS, "id", "product_id", "sku")));
    private final JoinedReader reader = reader();
    private final RelatedSchemaChanges changes = new RelatedSchemaChanges(RelatedTables.of(List.of(reader)),
            table -> Optional.ofNullable(now.get(table)));

    private static TableSchema schema(TableId table, String... columns) {
        return new TableSchema(table, java.util.Arrays.stream(columns).map(name -> new ColumnSchema(name,
                name.equals("id") || name.endsWith("_id") ? "int" : "varchar", false,
                name.equals("id") || name.endsWith("_id") ? null : "utf8mb4", List.of(), false)).toList(),
                List.of("id"));
    }

    private JoinedReader reader() {
        SyncConfig config = ConfigLoader.parse("""
                source { user = "sync", password = "pw", server-id = 4201 }
                state.file = "/tmp/binlog-sync-state.json"
                mappings = [{ table = "shop.products", index = "products", join = [
                  { table = shop.categories, on { category_id = id }, as = category, fields = [name] },
                  { table = shop.variants, many = true, on { id = product_id }, as = variants, fields = [sku],
                    order-by = sku } ] }]
                """, "test.conf", Map.of());
        List<TableMapping> mappings = MappingCompiler.compile(config.mappings(),
                table -> Optional.ofNullable(now.get(table)).map(TableSchema::tableColumns));
        JoinedMapping joined = JoinCompiler.compile(config.mappings(), mappings,
                table -> Optional.ofNullable(now.get(table)).map(TableSchema::tableColumns)).get(0);
        Map<Join, TableRowReader> related = new IdentityHashMap<>();
        for (Join join : joined.joins()) {
            related.put(join, new TableRowReader(now.get(join.table())));
        }
        return new JoinedReader(joined, new TableRowReader(now.get(PRODUCTS)), related);
    }

    private static SchemaChanged ddl(DdlKind kind, String sql, TableId... tables) {
        return new SchemaChanged("shop", sql, AT, 1, kind, List.of(tables));
    }

    private TableRowReader readerOf(TableId table) {
        Join join = reader.joined().joins().stream().filter(j -> j.table().equals(table)).findFirst().orElseThrow();
        return reader.readers().related().get(join);
    }

    @Test
    void anAddedColumnIsReadFromThenOn() {
        now.put(CATEGORIES, schema(CATEGORIES, "note", "id", "name"));
        changes.apply(ddl(DdlKind.ALTER, "ALTER TABLE categories ADD COLUMN note TEXT FIRST", CATEGORIES));
        assertEquals(List.of("note", "id", "name"), readerOf(CATEGORIES).columns().names());
    }

    @Test
    void ddlOfOtherTablesAndTruncatesLeaveTheReadersAlone() {
        TableRowReader before = readerOf(CATEGORIES);
        now.put(CATEGORIES, schema(CATEGORIES, "id", "name", "extra"));
        changes.apply(ddl(DdlKind.ALTER, "ALTER TABLE other ADD x INT", TableId.parse("shop.other")));
        changes.apply(ddl(DdlKind.TRUNCATE, "TRUNCATE categories", CATEGORIES));
        assertSame(before, readerOf(CATEGORIES));
    }

    @Test
    void aDroppedJoinedColumnStopsNamingTheJoinTableColumnPositionAndFix() {
        now.put(CATEGORIES, schema(CATEGORIES, "id", "title"));
        TableRowReader before = readerOf(CATEGORIES);
        String message = assertThrows(RelatedSchemaChanges.JoinNoLongerFits.class, () -> changes.apply(
                ddl(DdlKind.ALTER, "ALTER TABLE categories CHANGE name title TEXT", CATEGORIES))).getMessage();
        for (String expected : new String[] {"mappings[0].join[0].fields[0]: shop.categories has no column 'name'",
                "binlog mysql-bin.000003:1234", "CHANGE name title", "binlog-sync resync shop.products",
                "position stays before the DDL"}) {
            assertTrue(message.contains(expected), "'" + expected + "' missing in: " + message);
        }
        assertSame(before, readerOf(CATEGORIES), "nothing replaced when a join no longer fits");
    }

    @Test
    void aDroppedOrderByOrJoinColumnOrTableStops() {
        now.put(VARIANTS, schema(VARIANTS, "id", "product_id", "code"));
        assertTrue(assertThrows(RelatedSchemaChanges.JoinNoLongerFits.class, () -> changes.apply(
                ddl(DdlKind.ALTER, "ALTER TABLE variants DROP sku", VARIANTS))).getMessage()
                .startsWith("mappings[0].join[1].fields[0]: shop.variants has no column 'sku'"));
        now.put(VARIANTS, schema(VARIANTS, "id", "pid", "sku"));
        assertTrue(assertThrows(RelatedSchemaChanges.JoinNoLongerFits.class, () -> changes.apply(
                ddl(DdlKind.ALTER, "ALTER TABLE variants RENAME COLUMN product_id TO pid", VARIANTS))).getMessage()
                .startsWith("mappings[0].join[1].on.id: shop.variants has no column 'product_id'"));
        now.remove(VARIANTS);
        assertTrue(assertThrows(RelatedSchemaChanges.JoinNoLongerFits.class, () -> changes.apply(
                ddl(DdlKind.RENAME, "RENAME TABLE variants TO v2", VARIANTS, TableId.parse("shop.v2"))))
                .getMessage().startsWith("mappings[0].join[1].table: table shop.variants no longer exists"));
    }

    @Test
    void aChangedLeftSideOfOnStops() {
        now.put(PRODUCTS, schema(PRODUCTS, "id", "title", "cat"));
        assertTrue(assertThrows(RelatedSchemaChanges.JoinNoLongerFits.class, () -> changes.apply(
                ddl(DdlKind.ALTER, "ALTER TABLE products RENAME COLUMN category_id TO cat", PRODUCTS))).getMessage()
                .startsWith("mappings[0].join[0].on.category_id: shop.products has no column 'category_id'"));
    }
}
