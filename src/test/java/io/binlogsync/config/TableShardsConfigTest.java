package io.binlogsync.config;

import io.binlogsync.event.TableId;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.binlogsync.config.ConfigTestSupport.MINIMAL;
import static io.binlogsync.config.ConfigTestSupport.assertOnlyProblem;
import static io.binlogsync.config.ConfigTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How mappings that name tables by pattern are read, and the mistakes they are refused for. */
class TableShardsConfigTest {

    private static MappingConfig mapping(String body) {
        return parse(MINIMAL + "mappings = [{ " + body + " }]\n").mappings().get(0);
    }

    @Test
    void aPlainMappingHasNoShards() {
        MappingConfig plain = mapping("table = \"shop.products\", index = \"products\"");
        assertEquals(Optional.empty(), plain.shards());
        assertEquals(new TableId("shop", "products"), plain.table());
    }

    @Test
    void aPatternWithAnIdTemplateIsRead() {
        MappingConfig orders = mapping("table = \"shop.orders_*\", index = \"orders\", id-template = \"{table}:{id}\"");
        TableShards shards = orders.shards().orElseThrow();
        assertTrue(shards.tables().isWildcard());
        assertEquals("orders", orders.index());
        MappingConfig one = orders.forShard(new TableId("shop", "orders_7"));
        assertEquals(new TableId("shop", "orders_7"), one.table());
        assertEquals("orders", one.index());
        assertEquals("mappings[0]", one.path());
    }

    @Test
    void anIndexPerShardNeedsNoIdTemplate() {
        MappingConfig orders = mapping("table = \"tenant_*.orders\", index = \"orders-{schema}\"");
        assertEquals("orders-tenant_b", orders.forShard(new TableId("Tenant_B", "orders")).index());
    }

    @Test
    void aPatternIntoOneIndexWithoutAnIdTemplateIsRefusedWithTheFix() {
        assertOnlyProblem("mappings = [{ table = \"shop.orders_*\", index = \"orders\" }]\n",
                "mappings[0].id-template", "same document id", "id-template = \"{table}:{id}\"",
                "index = \"orders-{table}\"");
        assertOnlyProblem("mappings = [{ table = \"tenant_*.orders\", index = \"orders\", id-template = \"{table}:{id}\" }]\n",
                "mappings[0].id-template", "id-template = \"{schema}:{id}\"");
        assertOnlyProblem("mappings = [{ table = \"*.orders_*\", index = \"orders-{schema}\" }]\n",
                "mappings[0].id-template", "{schema}.{table}:{id}");
    }

    @Test
    void templateMistakesAreReportedAtTheirKey() {
        assertOnlyProblem("mappings = [{ table = \"shop.orders_*\", index = \"orders-{tabel}\" }]\n",
                "mappings[0].index", "unknown placeholder {tabel}");
        assertOnlyProblem("mappings = [{ table = \"shop.orders_*\", index = \"orders\", id-template = \"{table}\" }]\n",
                "mappings[0].id-template", "exactly once");
        assertOnlyProblem("mappings = [{ table = \"shop.orders_*\", index = \"orders-{ table }\" }]\n",
                "mappings[0].index", "placeholder { table } has spaces around its name", "write {table}");
        assertOnlyProblem("mappings = [{ table = \"shop.orders_*\", index = \"orders\","
                + " id-template = \"{table}:{`id`}\" }]\n", "mappings[0].id-template", "takes no columns");
        assertOnlyProblem("mappings = [{ table = \"shop.orders_*\", index = \"Orders-{table}\" }]\n",
                "mappings[0].index", "uppercase");
        assertOnlyProblem("mappings = [{ table = \"shop.a\\\\b*\", index = \"orders-{table}\" }]\n",
                "mappings[0].table", "escapes only");
    }

    @Test
    void anIdTemplateOnAPlainTableIsAllowed() {
        MappingConfig products = mapping("table = \"shop.products\", index = \"products\", id-template = \"p-{id}\"");
        assertFalse(products.shards().orElseThrow().tables().isWildcard());
    }
}
