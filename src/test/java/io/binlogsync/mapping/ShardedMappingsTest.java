package io.binlogsync.mapping;

import io.binlogsync.config.ConfigException;
import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.MappingConfig;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.RowChange;
import io.binlogsync.event.RowChangeKind;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.RowsChanged;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pattern mappings: expanded per matched table, ids kept apart by the id template, new tables followed. */
class ShardedMappingsTest {
    private static final TableColumns COLUMNS = new TableColumns(List.of("id", "total"), List.of("id"));
    private static final TableId ORDERS_1 = new TableId("shop", "orders_1");
    private static final TableId ORDERS_2 = new TableId("shop", "orders_2");
    private static final BinlogPosition AT = new BinlogPosition("mysql-bin.000001", 4);

    private static List<MappingConfig> configs(String mappings) {
        return ConfigLoader.parse("""
                source { user = "sync", password = "pw", server-id = 4201 }
                state.file = "/tmp/binlog-sync-state.json"
                """ + "mappings = [" + mappings + "]\n", "test.conf").mappings();
    }

    private static List<TableMapping> compiled(List<MappingConfig> configs, List<TableId> tables) {
        List<MappingConfig> expanded = ShardExpansion.expand(configs, pattern -> tables.stream()
                .filter(pattern::matches).toList()).mappings();
        return MappingCompiler.compile(expanded, t -> Optional.of(COLUMNS));
    }

    private static IndexDocument insert(ChangeMapper mapper, TableId table, long id) {
        List<SinkOperation> out = new ArrayList<>();
        mapper.map(new RowsChanged(RowChangeKind.INSERT, table, AT, 1, List.of(RowChange.inserted(
                new RowImage(COLUMNS, new Object[] {id, 10})))), out::add);
        return assertInstanceOf(IndexDocument.class, out.get(0));
    }

    @Test
    void aPatternExpandsIntoOneMappingPerMatchedTable() {
        ShardExpansion.Expanded expanded = ShardExpansion.expand(configs("""
                { table = "shop.orders_*", index = "orders-{table}" },
                { table = "shop.products", index = "products" }"""),
                pattern -> List.of(ORDERS_1, ORDERS_2));
        assertEquals(List.of("orders-orders_1", "orders-orders_2", "products"),
                expanded.mappings().stream().map(MappingConfig::index).toList());
        assertEquals(1, expanded.matches().size());
        assertEquals("mappings[0] shop.orders_* matches 2 table(s): shop.orders_1 -> orders-orders_1,"
                + " shop.orders_2 -> orders-orders_2", expanded.matches().get(0).describe());
    }

    @Test
    void aPatternMatchingNothingYetSaysSo() {
        ShardExpansion.Expanded expanded = ShardExpansion.expand(configs(
                "{ table = \"shop.orders_*\", index = \"orders-{table}\" }"), pattern -> List.of());
        assertTrue(expanded.mappings().isEmpty());
        assertTrue(expanded.matches().get(0).describe().contains("matches no table yet"));
    }

    @Test
    void theIdTemplateKeepsTheSameKeyOfTwoShardsApartInOneIndex() {
        ChangeMapper mapper = new ChangeMapper(compiled(configs(
                "{ table = \"shop.orders_*\", index = \"orders\", id-template = \"{table}:{id}\" }"),
                List.of(ORDERS_1, ORDERS_2)));
        IndexDocument one = insert(mapper, ORDERS_1, 7);
        IndexDocument two = insert(mapper, ORDERS_2, 7);
        assertEquals("orders", one.index());
        assertEquals("orders_1:7", one.id());
        assertEquals("orders_2:7", two.id());
    }

    @Test
    void theKeyPartOfATemplatedIdIsFoundAgain() {
        TableMapping mapping = compiled(configs(
                "{ table = \"shop.orders_*\", index = \"orders\", id-template = \"{table}:{id}\" }"),
                List.of(ORDERS_1)).get(0);
        assertEquals("7", mapping.keyIdOf("orders_1:7"));
        assertNull(mapping.keyIdOf("orders_2:7"));
    }

    @Test
    void tablesOfTwoPatternsMakingTheSameIdsInOneIndexAreRefused() {
        List<MappingConfig> configs = configs("""
                { table = "shop.orders_*", index = "orders", id-template = "{table}:{id}" },
                { table = "shop2.orders_*", index = "orders", id-template = "{table}:{id}" }""");
        ConfigException refused = assertThrows(ConfigException.class, () -> ShardExpansion.expand(configs,
                pattern -> pattern.toString().startsWith("shop2") ? List.of(new TableId("shop2", "orders_1"))
                        : List.of(ORDERS_1)));
        assertEquals(1, refused.problems().size(), refused.getMessage());
        assertEquals("mappings[1].id-template", refused.problems().get(0).path());
        assertTrue(refused.getMessage().contains("shop.orders_1 and shop2.orders_1 both write to index orders"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("(mappings[0] and mappings[1])"), refused.getMessage());
        assertTrue(refused.getMessage().contains("id-template = \"{table}:{id}\""), refused.getMessage());
    }

    @Test
    void aPlainTableAndAPatternShardMakingTheSameIdsInOneIndexAreRefused() {
        List<MappingConfig> configs = configs("""
                { table = "legacy.orders", index = "orders-shop" },
                { table = "*.orders", index = "orders-{schema}" }""");
        ConfigException refused = assertThrows(ConfigException.class, () -> ShardExpansion.expand(configs,
                pattern -> List.of(new TableId("shop", "orders"))));
        assertEquals("mappings[1].id-template", refused.problems().get(0).path());
        assertTrue(refused.getMessage().contains("legacy.orders and shop.orders both write to index orders-shop"),
                refused.getMessage());
    }

    @Test
    void plainMappingsOfTwoTablesIntoOneIndexStayAllowed() {
        List<MappingConfig> configs = configs("""
                { table = "shop.a", index = "things" },
                { table = "shop.b", index = "things" }""");
        assertEquals(2, ShardExpansion.expand(configs, pattern -> List.of()).mappings().size());
    }

    @Test
    void anIndexNameATemplateCannotMakeIsRefusedWithTheTable() {
        ConfigException refused = assertThrows(ConfigException.class, () -> ShardExpansion.expand(configs(
                "{ table = \"*.orders\", index = \"orders-{schema}\" }"),
                pattern -> List.of(new TableId("a#b", "orders"))));
        assertEquals("mappings[0].index", refused.problems().get(0).path());
        assertTrue(refused.getMessage().contains("for table a#b.orders"), refused.getMessage());
    }

    @Test
    void aNewTableMatchingThePatternIsFollowedFromItsFirstRows() {
        List<MappingConfig> configs = configs(
                "{ table = \"shop.orders_*\", index = \"orders-{table}\" }");
        List<MappingConfig> created = new ArrayList<>();
        ShardFollower follower = new ShardFollower(configs, created::add);
        ChangeMapper mapper = new ChangeMapper(compiled(configs, List.of(ORDERS_1)), follower);
        TableId later = new TableId("shop", "orders_9");
        assertFalse(mapper.maps(later));
        IndexDocument document = insert(mapper, later, 3);
        assertEquals("orders-orders_9", document.index());
        assertEquals("3", document.id());
        assertTrue(mapper.maps(later));
        assertEquals(List.of(later), created.stream().map(MappingConfig::table).toList());
        insert(mapper, later, 4);
        assertEquals(1, created.size(), "learned once");
        assertTrue(follower.isShard(later));
        assertFalse(follower.isShard(new TableId("shop", "products")));
    }

    @Test
    void aNewTableThatDoesNotFitItsPatternStopsWithTheReason() {
        List<MappingConfig> configs = configs(
                "{ table = \"shop.orders_*\", index = \"orders-{table}\", id = [\"order_no\"] }");
        ChangeMapper mapper = new ChangeMapper(List.of(), new ShardFollower(configs, c -> { }));
        MappingMismatchException mismatch = assertThrows(MappingMismatchException.class,
                () -> insert(mapper, new TableId("shop", "orders_9"), 1));
        assertTrue(mismatch.getMessage().contains("shop.orders_9"), mismatch.getMessage());
        assertTrue(mismatch.getMessage().contains("order_no"), mismatch.getMessage());
    }
}
