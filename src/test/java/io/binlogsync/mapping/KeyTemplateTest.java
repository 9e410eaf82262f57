package io.binlogsync.mapping;

import io.binlogsync.event.RowImage;
import io.binlogsync.event.TableColumns;
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
    void spacesAroundAColumnNameAreRejectedAsConfigValidationRejectsThem() {
        IllegalArgumentException spaced = assertThrows(IllegalArgumentException.class,
                () -> KeyTemplate.parse("p:{ id }"));
        assertTrue(spaced.getMessage().contains("spaces around the column name"), spaced.getMessage());
        assertEquals(List.of("user id"), KeyTemplate.parse("x:{user id}").columns());
    }
}
