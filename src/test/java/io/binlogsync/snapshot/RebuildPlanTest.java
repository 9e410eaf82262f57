package io.binlogsync.snapshot;

import io.binlogsync.config.MappingConfig;
import io.binlogsync.config.MappingConfigBuilder;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;
import io.binlogsync.index.ResolvedIndexName;
import io.binlogsync.mapping.MappingCompiler;
import io.binlogsync.mapping.TableMapping;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RebuildPlanTest {
    private static final TableId PRODUCTS = TableId.parse("shop.products");
    private static final TableId PRICES = TableId.parse("shop.prices");

    private static TableMapping mapping(int n, TableId table, String index) {
        MappingConfig config = MappingConfigBuilder.mapping("mappings[" + n + "]", table, index).build();
        return MappingCompiler.compile(List.of(config),
                any -> Optional.of(new TableColumns(List.of("id", "v"), List.of("id")))).get(0);
    }

    private static RebuildPlan plan(List<TableMapping> rebuilt, List<TableId> tables) {
        Map<String, ResolvedIndexName> before = new LinkedHashMap<>();
        before.put("products", new ResolvedIndexName("products", ResolvedIndexName.Kind.INDEX, List.of("products")));
        before.put("catalog", new ResolvedIndexName("catalog", ResolvedIndexName.Kind.ALIAS, List.of("catalog-1")));
        Map<String, String> newIndices = new LinkedHashMap<>();
        newIndices.put("products", "products-20250314-093005");
        newIndices.put("catalog", "catalog-20250314-093005");
        return new RebuildPlan(PRODUCTS, before, newIndices, rebuilt, tables);
    }

    @Test
    void describesEachNewIndexAndTheTablesInTheAliasesOrder() {
        RebuildPlan plan = plan(List.of(mapping(0, PRODUCTS, "products")), List.of(PRODUCTS));
        assertEquals(List.of("products", "catalog"), plan.aliases());
        assertEquals("building products-20250314-093005 for index products; building catalog-20250314-093005 for"
                + " alias catalog -> catalog-1; copying [shop.products]", plan.describe());
    }

    @Test
    void saysWhyOtherTablesAreCopiedToo() {
        RebuildPlan plan = plan(List.of(mapping(0, PRODUCTS, "products"), mapping(1, PRICES, "products")),
                List.of(PRODUCTS, PRICES));
        assertEquals("building products-20250314-093005 for index products; building catalog-20250314-093005 for"
                + " alias catalog -> catalog-1; copying [shop.products, shop.prices] (every table whose mapping"
                + " writes into the same index)", plan.describe());
    }

    @Test
    void aTablesMappingsWriteToTheNewIndicesOfTheirAliases() {
        RebuildPlan plan = plan(List.of(mapping(0, PRODUCTS, "products"), mapping(1, PRICES, "products"),
                mapping(2, PRODUCTS, "catalog")), List.of(PRODUCTS, PRICES));
        List<TableMapping> products = plan.mappingsInto(PRODUCTS);
        assertEquals(List.of("mappings[0]", "mappings[2]"), products.stream().map(TableMapping::path).toList());
        assertEquals(List.of("products-20250314-093005", "catalog-20250314-093005"),
                products.stream().map(TableMapping::index).toList());
        assertEquals(List.of("products-20250314-093005"),
                plan.mappingsInto(PRICES).stream().map(TableMapping::index).toList());
    }
}
