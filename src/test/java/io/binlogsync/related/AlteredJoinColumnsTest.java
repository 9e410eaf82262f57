package io.binlogsync.related;

import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.MappingCompiler;
import io.binlogsync.mapping.TableMapping;
import io.binlogsync.mapping.join.Join;
import io.binlogsync.mapping.join.JoinCompiler;
import io.binlogsync.mapping.join.JoinedMapping;
import io.binlogsync.source.binlog.AlteredValues;
import io.binlogsync.source.jdbc.ColumnSchema;
import io.binlogsync.source.jdbc.TableRowReader;
import io.binlogsync.source.jdbc.TableSchema;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Does an ALTER touch a column a joined mapping's documents are made of: the decision, table by table. */
class AlteredJoinColumnsTest {
    private static final TableId PRODUCTS = TableId.parse("shop.products");
    private static final TableId CATEGORIES = TableId.parse("shop.categories");
    private static final TableId VARIANTS = TableId.parse("shop.variants");
    private static final Map<TableId, TableSchema> TABLES = Map.of(
            PRODUCTS, schema(PRODUCTS, "id", "title", "notes", "secret", "status", "category_id"),
            CATEGORIES, schema(CATEGORIES, "id", "name", "slug"),
            VARIANTS, schema(VARIANTS, "id", "product_id", "sku", "rank", "price"));

    /** Every column but notes and secret; a filter on status; joins reading name, sku and rank. */
    private final JoinedReader reader = reader("""
            mappings = [{ table = "shop.products", index = "products",
              fields.exclude = [notes, secret],
              filter { column = status, not-in = [draft] },
              join = [
                { table = shop.categories, on { category_id = id }, as = category, fields = [name] },
                { table = shop.variants, many = true, on { id = product_id }, as = variants, fields = [sku],
                  order-by = rank } ] }]
            """);

    private static TableSchema schema(TableId table, String... columns) {
        return new TableSchema(table, Arrays.stream(columns).map(name -> new ColumnSchema(name,
                name.equals("id") || name.endsWith("_id") ? "int" : "varchar", false,
                name.equals("id") || name.endsWith("_id") ? null : "utf8mb4", List.of(), false)).toList(),
                List.of("id"));
    }

    private static JoinedReader reader(String mappings) {
        SyncConfig config = ConfigLoader.parse("""
                source { user = "sync", password = "pw", server-id = 4201 }
                state.file = "/tmp/binlog-sync-state.json"
                """ + mappings, "test.conf", Map.of());
        List<TableMapping> compiled = MappingCompiler.compile(config.mappings(),
                table -> Optional.ofNullable(TABLES.get(table)).map(TableSchema::tableColumns));
        JoinedMapping joined = JoinCompiler.compile(config.mappings(), compiled,
                table -> Optional.ofNullable(TABLES.get(table)).map(TableSchema::tableColumns)).get(0);
        Map<Join, TableRowReader> related = new IdentityHashMap<>();
        for (Join join : joined.joins()) {
            related.put(join, new TableRowReader(TABLES.get(join.table())));
        }
        return new JoinedReader(joined, new TableRowReader(TABLES.get(PRODUCTS)), related);
    }

    private boolean related(TableId table, String sql) {
        return AlteredJoinColumns.ofRelatedTable(reader, table, AlteredValues.of(sql));
    }

    private boolean own(String sql) {
        return AlteredJoinColumns.ofOwnTable(reader, AlteredValues.of(sql));
    }

    @Test
    void aRelatedTablesFieldsOnColumnAndOrderByCount() {
        assertTrue(related(CATEGORIES, "ALTER TABLE categories MODIFY name VARCHAR(3)"));
        assertTrue(related(CATEGORIES, "ALTER TABLE categories MODIFY ID BIGINT"), "on, named in another case");
        assertTrue(related(VARIANTS, "ALTER TABLE variants MODIFY rank TINYINT"), "order-by");
        assertTrue(related(VARIANTS, "ALTER TABLE variants MODIFY product_id BIGINT"), "on");
        assertTrue(related(VARIANTS, "ALTER TABLE variants CONVERT TO CHARACTER SET latin1"), "cannot tell");
        assertTrue(related(VARIANTS, "ALTER TABLE variants FROBNICATE"), "cannot parse");
    }

    @Test
    void aRelatedTablesOtherColumnsIndexesAndOptionsDoNot() {
        assertFalse(related(CATEGORIES, "ALTER TABLE categories MODIFY slug VARCHAR(3)"));
        assertFalse(related(CATEGORIES, "ALTER TABLE categories ADD INDEX (name)"));
        assertFalse(related(CATEGORIES, "ALTER TABLE categories ADD COLUMN note TEXT, COMMENT 'x'"));
        assertFalse(related(VARIANTS, "ALTER TABLE variants MODIFY price DECIMAL(10,1)"));
        assertFalse(related(VARIANTS, "ALTER TABLE variants MODIFY id BIGINT"), "the key: no join reads its values");
        assertFalse(related(PRODUCTS, "ALTER TABLE products MODIFY title VARCHAR(3)"), "not a related table");
    }

    @Test
    void theOwnTablesFieldsIdsFilterAndOnColumnsCount() {
        assertTrue(own("ALTER TABLE products MODIFY title VARCHAR(3)"), "a field");
        assertTrue(own("ALTER TABLE products MODIFY id BIGINT"), "the id");
        assertTrue(own("ALTER TABLE products MODIFY status ENUM('live')"), "the filter's column");
        assertTrue(own("ALTER TABLE products CHANGE category_id category_id BIGINT"), "the left side of on");
        assertTrue(own("ALTER TABLE products CONVERT TO CHARACTER SET latin1"), "cannot tell");
        assertFalse(own("ALTER TABLE products MODIFY notes VARCHAR(3)"), "excluded");
        assertFalse(own("ALTER TABLE products MODIFY secret VARCHAR(3)"), "excluded");
        assertFalse(own("ALTER TABLE products ADD INDEX (title), ALTER title SET DEFAULT 'x'"));
    }
}
