package io.binlogsync.config;

import io.binlogsync.event.TableId;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameTemplateTest {
    private static final TableId TABLE = new TableId("Tenant_A", "Orders_1");

    @Test
    void indexTemplatesRenderNamesInLowerCase() {
        assertEquals("orders-tenant_a", NameTemplate.index("orders-{schema}").indexFor(TABLE));
        assertEquals("tenant_a.orders_1", NameTemplate.index("{database}.{table}").indexFor(TABLE));
        assertEquals("orders", NameTemplate.index("orders").indexFor(TABLE));
        assertEquals("a{b}-orders_1", NameTemplate.index("a{{b}}-{table}").indexFor(TABLE));
    }

    @Test
    void idTemplatesKeepNamesAsWrittenAroundTheId() {
        NameTemplate template = NameTemplate.id("{schema}:{id}");
        assertEquals("Tenant_A:", template.idPrefix(TABLE));
        assertEquals("", template.idSuffix(TABLE));
        NameTemplate around = NameTemplate.id("{table}/{id}@{schema}");
        assertEquals("Orders_1/", around.idPrefix(TABLE));
        assertEquals("@Tenant_A", around.idSuffix(TABLE));
        assertTrue(around.usesSchema());
        assertTrue(around.usesTable());
        assertFalse(NameTemplate.index("orders").usesSchema());
    }

    @Test
    void mistakesSayWhatIsAllowed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameTemplate.index("orders-{id}"))
                .getMessage().contains("{schema} (or {database}), {table}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameTemplate.id("{schema}:{pk}"))
                .getMessage().contains("{id}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameTemplate.id("{schema}"))
                .getMessage().contains("exactly once"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameTemplate.id("{id}{id}"))
                .getMessage().contains("exactly once"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameTemplate.index("orders-{schema"))
                .getMessage().contains("'{' is not closed at character 8"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameTemplate.index("orders}"))
                .getMessage().contains("unmatched '}' at character 7"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameTemplate.index("orders-{ table }"))
                .getMessage().contains("spaces around its name"), "spaces inside braces are refused, as in key"
                + " templates");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameTemplate.id("{`id`}"))
                .getMessage().contains("takes no columns"));
    }
}
