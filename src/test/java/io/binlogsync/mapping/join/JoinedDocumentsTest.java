package io.binlogsync.mapping.join;

import io.binlogsync.config.ConfigException;
import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.MappingCompiler;
import io.binlogsync.mapping.TableMapping;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JoinedDocumentsTest {
    private static final TableColumns PRODUCTS = new TableColumns(List.of("id", "title", "category_id", "brand_id"),
            List.of("id"));
    private static final TableColumns CATEGORIES = new TableColumns(List.of("id", "name", "slug"), List.of("id"));
    private static final TableColumns VARIANTS = new TableColumns(List.of("id", "product_id", "sku", "price"),
            List.of("id"));
    private static final TableColumns TAGS = new TableColumns(List.of("id", "product_id", "tag"), List.of("id"));
    private static final Map<String, TableColumns> TABLES = Map.of("shop.products", PRODUCTS, "shop.categories",
            CATEGORIES, "shop.variants", VARIANTS, "shop.tags", TAGS, "shop.brands",
            new TableColumns(List.of("id", "brand"), List.of("id")));

    private static List<JoinedMapping> compile(String joins) {
        SyncConfig config = ConfigLoader.parse("""
                source { user = "sync", password = "pw", server-id = 4201 }
                state.file = "/tmp/binlog-sync-state.json"
                mappings = [{ table = "shop.products", index = "products", fields.exclude = [brand_id],
                              join = %s }]
                """.formatted(joins), "test.conf", Map.of());
        List<TableMapping> mappings = MappingCompiler.compile(config.mappings(), JoinedDocumentsTest::table);
        return JoinCompiler.compile(config.mappings(), mappings, JoinedDocumentsTest::table);
    }

    private static Optional<TableColumns> table(TableId table) {
        return Optional.ofNullable(TABLES.get(table.toString()));
    }

    private static final String ALL_SHAPES = """
            [ { table = shop.categories, on { category_id = id }, as = category, fields = [name, slug],
                rename { name = title } },
              { table = shop.variants, many = true, on { id = product_id }, as = variants, fields = [sku, price],
                order-by = sku },
              { table = shop.tags, many = true, shape = values, on { id = product_id }, as = tags, fields = [tag] },
              { table = shop.brands, shape = fields, on { brand_id = id }, fields = [brand] } ]""";

    @Test
    void aDocumentCarriesItsRelatedRowsInEachShape() {
        JoinedMapping joined = compile(ALL_SHAPES).get(0);
        RelatedRows related = new RelatedRows();
        List<Join> joins = joined.joins();
        related.add(joins.get(0), new RowImage(CATEGORIES, new Object[] {7L, "Lamps", 12}));
        related.add(joins.get(1), new RowImage(VARIANTS, new Object[] {1L, 1L, "A", new BigDecimal("1.50")}));
        related.add(joins.get(1), new RowImage(VARIANTS, new Object[] {2L, 1L, "B", new BigDecimal("2.00")}));
        related.add(joins.get(1), new RowImage(VARIANTS, new Object[] {3L, 2L, "C", new BigDecimal("3.00")}));
        related.add(joins.get(2), new RowImage(TAGS, new Object[] {1L, 1L, "red"}));
        related.add(joins.get(2), new RowImage(TAGS, new Object[] {2L, 1L, "big"}));
        RowImage product = new RowImage(PRODUCTS, new Object[] {1L, "Desk lamp", 7, 99L});

        String document = new String(new JoinedDocuments().source(joined, product, related), StandardCharsets.UTF_8);

        assertEquals("{\"id\":1,\"title\":\"Desk lamp\",\"category_id\":7,"
                + "\"category\":{\"title\":\"Lamps\",\"slug\":12},"
                + "\"variants\":[{\"sku\":\"A\",\"price\":1.50},{\"sku\":\"B\",\"price\":2.00}],"
                + "\"tags\":[\"red\",\"big\"],\"brand\":null}", document);
    }

    @Test
    void withoutRelatedRowsTheFieldsAreNullAndTheArraysEmpty() {
        JoinedMapping joined = compile(ALL_SHAPES).get(0);
        RowImage product = new RowImage(PRODUCTS, new Object[] {3L, "Chair", null, null});

        String document = new String(new JoinedDocuments().source(joined, product, new RelatedRows()),
                StandardCharsets.UTF_8);

        assertEquals("{\"id\":3,\"title\":\"Chair\",\"category_id\":null,\"category\":null,\"variants\":[],"
                + "\"tags\":[],\"brand\":null}", document);
    }

    @Test
    void missingTablesAndColumnsAreReportedAtTheJoinsPath() {
        ConfigException problems = assertThrows(ConfigException.class, () -> compile("""
                [ { table = shop.nothing, on { category_id = id }, as = c, fields = [name] },
                  { table = shop.categories, on { kind_id = id }, as = k, fields = [nme] } ]"""));
        String text = problems.getMessage();
        assertTrue(text.contains("mappings[0].join[0].table"), text);
        assertTrue(text.contains("shop.nothing does not exist"), text);
        assertTrue(text.contains("mappings[0].join[1].on.kind_id"), text);
        assertTrue(text.contains("mappings[0].join[1].fields[0]"), text);
    }
}
