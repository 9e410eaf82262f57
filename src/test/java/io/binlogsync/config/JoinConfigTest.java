package io.binlogsync.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.binlogsync.config.ConfigTestSupport.MINIMAL;
import static io.binlogsync.config.ConfigTestSupport.assertOnlyProblem;
import static io.binlogsync.config.ConfigTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JoinConfigTest {

    private static String mapping(String joins) {
        return "mappings = [{ table = \"shop.products\", index = \"products\", join = " + joins + " }]\n";
    }

    @Test
    void readsManyToOneAndOneToManyJoins() {
        SyncConfig config = parse(MINIMAL + mapping("""
                [ { table = shop.categories, on { category_id = id }, as = category, fields = [name, slug],
                    rename { name = title }, convert { slug = string } },
                  { table = shop.variants, many = true, on { id = product_id }, as = variants,
                    fields = [sku, price], order-by = sku },
                  { table = shop.tags, many = true, shape = values, on { id = product_id }, as = tags, fields = [tag] },
                  { table = shop.brands, shape = fields, on { brand_id = id }, fields = [brand] } ]"""));
        List<JoinConfig> joins = config.mappings().get(0).joins();
        assertEquals(4, joins.size());
        JoinConfig category = joins.get(0);
        assertEquals("mappings[0].join[0]", category.path());
        assertEquals("shop.categories", category.table().toString());
        assertEquals("category_id", category.parentColumn());
        assertEquals("id", category.joinedColumn());
        assertEquals(JoinConfig.Shape.OBJECT, category.shape());
        assertEquals("title", category.fields().rename().get("name"));
        assertEquals(FieldConversion.Kind.STRING, category.fields().convert().get("slug").kind());
        assertEquals(JoinConfig.Shape.OBJECTS, joins.get(1).shape());
        assertEquals(Optional.of("sku"), joins.get(1).orderBy());
        assertEquals(JoinConfig.Shape.VALUES, joins.get(2).shape());
        assertEquals(JoinConfig.Shape.FIELDS, joins.get(3).shape());
        assertTrue(joins.get(3).as().isEmpty());
    }

    @Test
    void aMappingWithoutJoinsHasNone() {
        assertTrue(parse(MINIMAL).mappings().get(0).joins().isEmpty());
    }

    @Test
    void problemsNameTheJoinsPath() {
        assertOnlyProblem(mapping("[{ table = shop.categories, on { category_id = id }, fields = [name] }]"),
                "mappings[0].join[0].as", "as = category");
        assertOnlyProblem(mapping("[{ table = shop.categories, on { a = id, b = c }, as = c, fields = [name] }]"),
                "mappings[0].join[0].on", "one column pair");
        assertOnlyProblem(mapping("[{ table = shop.variants, many = true, shape = values, on { id = product_id },"
                + " as = v, fields = [a, b] }]"), "mappings[0].join[0].fields", "exactly one column");
        assertOnlyProblem(mapping("[{ table = shop.categories, on { category_id = id }, as = c, fields = [name],"
                + " order-by = name }]"), "mappings[0].join[0].order-by", "nothing to order");
        assertOnlyProblem(mapping("[{ table = shop.categories, on { category_id = id }, as = c, fields = [name],"
                + " rename { slug = s } }]"), "mappings[0].join[0].rename.slug", "not in fields");
        assertOnlyProblem(mapping("[{ table = shop.categories, on { category_id = id }, as = c, fields = [name],"
                + " shape = objects }]"), "mappings[0].join[0].shape", "many = true");
        assertOnlyProblem(mapping("[{ table = shop.categories, on { category_id = id }, as = c, fields = [name],"
                + " colour = red }]"), "mappings[0].join[0].colour", "unknown key");
        assertOnlyProblem(mapping("[{ on { category_id = id }, as = c, fields = [name] }]"),
                "mappings[0].join[0].table", "database.table");
    }
}
