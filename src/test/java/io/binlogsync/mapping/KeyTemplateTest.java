package io.binlogsync.mapping;

import io.binlogsync.event.RowImage;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyTemplateTest {
    private static final TableColumns COLUMNS = new TableColumns(List.of("id", "sku", "price"), List.of("id"));

    private static RowImage row(Object... values) {
        return new RowImage(COLUMNS, values);
    }

    @Test
    void rendersPlaceholdersFromTheRow() {
        KeyTemplate template = KeyTemplate.parse("product:{id}:sku:{sku}");
        assertEquals(List.of("id", "sku"), template.columns());
        assertEquals(Optional.of("product:42:sku:AB-1"), template.render(row(42L, "AB-1", null)));
    }

    @Test
    void rendersDecimalsWithoutExponent() {
        assertEquals(Optional.of("p:1E+3"), Optional.of("p:" + new BigDecimal("1E+3")));
        assertEquals(Optional.of("p:1000"), KeyTemplate.parse("p:{price}").render(row(1L, "x", new BigDecimal("1E+3"))));
    }

    @Test
    void doubledBracesAreLiteral() {
        assertEquals(Optional.of("{tag}:7}"), KeyTemplate.parse("{{tag}}:{id}}}").render(row(7L, "x", null)));
    }

    @Test
    void aNullPlaceholderNamesNoKey() {
        assertTrue(KeyTemplate.parse("product:sku:{sku}").render(row(1L, null, null)).isEmpty());
    }

    @Test
    void syntaxErrorsSayWhere() {
        IllegalArgumentException unclosed = assertThrows(IllegalArgumentException.class, () -> KeyTemplate.parse("a:{id"));
        assertTrue(unclosed.getMessage().contains("character 3"), unclosed.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> KeyTemplate.parse("a:{}"));
        assertTrue(empty.getMessage().contains("empty placeholder {} at character 3"), empty.getMessage());
        IllegalArgumentException stray = assertThrows(IllegalArgumentException.class, () -> KeyTemplate.parse("a}"));
        assertTrue(stray.getMessage().contains("unmatched '}' at character 2"), stray.getMessage());
    }

    @Test
    void schemaAndTableAreTheTablesNamesAsTheBinlogWritesThem() {
        TableId shard = new TableId("Tenant_A", "Orders_2024");
        KeyTemplate template = KeyTemplate.forTable("cache:{schema}.{table}:{id}", shard, COLUMNS);

        assertEquals(List.of("id"), template.columns());
        assertEquals(Optional.of("cache:Tenant_A.Orders_2024:42"), template.render(row(42L, "x", null)));
        assertEquals(Optional.of("Tenant_A/Orders_2024"),
                KeyTemplate.forTable("{database}/{table}", shard, COLUMNS).render(row(1L, null, null)));
        assertEquals("cache:{schema}.{table}:{id}", template.toString());
    }

    @Test
    void twoShardsRenderTheSameKeyColumnsIntoDifferentKeys() {
        String text = "cache:{table}:{id}";
        RowImage sameKey = row(17L, "x", null);

        assertEquals(Optional.of("cache:orders_1:17"),
                KeyTemplate.forTable(text, new TableId("shop", "orders_1"), COLUMNS).render(sameKey));
        assertEquals(Optional.of("cache:orders_2:17"),
                KeyTemplate.forTable(text, new TableId("shop", "orders_2"), COLUMNS).render(sameKey));
    }

    @Test
    void aColumnNamedTableIsWrittenInBackquotesAndABarePlaceholderOfItsNameIsRefused() {
        TableColumns columns = new TableColumns(List.of("id", "table", "schema"), List.of("id"));
        TableId table = new TableId("shop", "seats");
        RowImage row = new RowImage(columns, new Object[] {3L, "T7", "s"});

        assertEquals(Optional.of("seat:T7:s:3"),
                KeyTemplate.forTable("seat:{`table`}:{`schema`}:{`id`}", table, columns).render(row));
        assertEquals(List.of("table", "schema", "id"),
                KeyTemplate.forTable("seat:{`table`}:{`schema`}:{`id`}", table, columns).columns());
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
                () -> KeyTemplate.forTable("seat:{table}:{id}", table, columns));
        assertTrue(clash.getMessage().contains("{table} is the name of the table (seats), but shop.seats also has"
                + " a column named table"), clash.getMessage());
        assertTrue(clash.getMessage().contains("write {`table`} for the column's value"), clash.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KeyTemplate.forTable("s:{schema}", table, columns));
        assertEquals(Optional.of("s:shop:3"), KeyTemplate.forTable("s:{database}:{id}", table, columns).render(row),
                "{database} names the schema and does not clash with a column named schema");
        assertThrows(IllegalArgumentException.class, () -> KeyTemplate.parse("cache:{table}:{id}"),
                "a template that names its table is made for a table");
    }

    @Test
    void spacesAroundAColumnNameAreRejectedAsConfigValidationRejectsThem() {
        IllegalArgumentException spaced = assertThrows(IllegalArgumentException.class,
                () -> KeyTemplate.parse("p:{ id }"));
        assertTrue(spaced.getMessage().contains("spaces around its name"), spaced.getMessage());
        assertEquals(List.of("user id"), KeyTemplate.parse("x:{user id}").columns());
    }
}
