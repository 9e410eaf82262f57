package io.binlogsync.mapping.join;

import io.binlogsync.config.FieldsConfig;
import io.binlogsync.config.JoinConfig;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JoinFitTest {
    private static final TableId PRODUCTS = TableId.parse("shop.products");
    private static final TableColumns PRODUCT_COLUMNS = new TableColumns(List.of("id", "category_id"), List.of("id"));

    private static JoinConfig variants(List<String> fields) {
        return new JoinConfig("mappings[1].join[2]", TableId.parse("shop.variants"), "id", "product_id",
                JoinConfig.Shape.OBJECTS, Optional.of("variants"), fields(fields), Optional.of("sku"));
    }

    private static FieldsConfig fields(List<String> include) {
        return new FieldsConfig(include, List.of(), Map.of(), Map.of());
    }

    private static Optional<String> misfit(JoinConfig join, TableColumns parent, List<String> related) {
        return JoinFit.check(join, PRODUCTS, parent, related == null ? Optional.empty()
                : Optional.of(new TableColumns(related, List.of("id")))).map(JoinFit.Misfit::describe);
    }

    @Test
    void fitsWhileEveryNamedColumnIsThere() {
        assertEquals(Optional.empty(), misfit(variants(List.of("sku", "price")), PRODUCT_COLUMNS,
                List.of("note", "id", "product_id", "sku", "price", "added")));
    }

    @Test
    void namesTheFirstMissingColumnAtItsConfigPath() {
        assertEquals(Optional.of("mappings[1].join[2].fields[1]: shop.variants has no column 'price'"),
                misfit(variants(List.of("sku", "price")), PRODUCT_COLUMNS, List.of("id", "product_id", "sku")));
        assertEquals(Optional.of("mappings[1].join[2].on.id: shop.variants has no column 'product_id'"),
                misfit(variants(List.of("sku")), PRODUCT_COLUMNS, List.of("id", "pid", "sku")));
        assertEquals(Optional.of("mappings[1].join[2].order-by: shop.variants has no column 'sku'"),
                misfit(variants(List.of()), PRODUCT_COLUMNS, List.of("id", "product_id")));
        assertEquals(Optional.of("mappings[1].join[2].on.id: shop.products has no column 'id'"),
                misfit(variants(List.of("sku")), new TableColumns(List.of("pk"), List.of("pk")),
                        List.of("id", "product_id", "sku")));
    }

    @Test
    void aGoneTableIsNamed() {
        assertEquals(Optional.of("mappings[1].join[2].table: table shop.variants no longer exists (dropped or renamed)"),
                misfit(variants(List.of("sku")), PRODUCT_COLUMNS, null));
    }
}
