package io.binlogsync.mapping;

import io.binlogsync.config.FieldConversion;
import io.binlogsync.config.FieldConversion.Kind;
import io.binlogsync.config.FieldsConfig;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.RowChange;
import io.binlogsync.event.RowChangeKind;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.RowsChanged;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeMapperTest {
    private static final TableId PRODUCTS = TableId.parse("shop.products");
    private static final TableColumns COLUMNS = new TableColumns(
            List.of("id", "sku", "title", "price", "internal_note", "updated_at"), List.of("id"));
    private static final BinlogPosition AT = new BinlogPosition("mysql-bin.000003", 500);
    private static final long VERSION = 12_884_902_388L;

    private final TableMapping mapping = new TableMapping("mappings[0]", PRODUCTS, "products", List.of("id"),
            new FieldSelection("mappings[0]", new FieldsConfig(List.of(), List.of("internal_note"),
                    Map.of("title", "name"), Map.of())),
            List.of(KeyTemplate.parse("product:{id}"), KeyTemplate.parse("product:sku:{sku}")));
    private final ChangeMapper mapper = new ChangeMapper(List.of(mapping));

    private static RowImage row(long id, String sku, String title) {
        return new RowImage(COLUMNS, new Object[] {id, sku, title, new BigDecimal("19.90"), "secret",
                LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000)});
    }

    private List<SinkOperation> map(RowChangeKind kind, RowChange... rows) {
        List<SinkOperation> out = new ArrayList<>();
        mapper.map(new RowsChanged(kind, PRODUCTS, AT, VERSION, List.of(rows)), out::add);
        return out;
    }

    @Test
    void anInsertIndexesTheSelectedRenamedFieldsExactly() {
        List<SinkOperation> ops = map(RowChangeKind.INSERT, RowChange.inserted(row(1, "A-1", "Lamp")));
        IndexDocument index = assertInstanceOf(IndexDocument.class, ops.get(0));
        assertEquals("products", index.index());
        assertEquals("1", index.id());
        assertEquals(VERSION, index.version());
        assertEquals("{\"id\":1,\"sku\":\"A-1\",\"name\":\"Lamp\",\"price\":19.90,"
                + "\"updated_at\":\"2024-05-06T07:08:09.123456\"}", new String(index.source(), StandardCharsets.UTF_8));
        assertEquals(new InvalidateKeys(List.of("product:1", "product:sku:A-1")), ops.get(1));
    }

    @Test
    void anUpdateThatChangesTheKeyDeletesTheOldIdAndDropsKeysOfBothImages() {
        List<SinkOperation> ops = map(RowChangeKind.UPDATE,
                new RowChange(row(1, "A-1", "Lamp"), row(2, "A-2", "Lamp")));
        DeleteDocument delete = assertInstanceOf(DeleteDocument.class, ops.get(0));
        assertEquals("1", delete.id());
        IndexDocument index = assertInstanceOf(IndexDocument.class, ops.get(1));
        assertEquals("2", index.id());
        assertEquals(delete.version(), index.version());
        assertEquals(new InvalidateKeys(List.of("product:1", "product:sku:A-1", "product:2", "product:sku:A-2")),
                ops.get(2));
    }

    @Test
    void anUpdateKeepingTheKeyOnlyReindexesAndDeduplicatesKeys() {
        List<SinkOperation> ops = map(RowChangeKind.UPDATE,
                new RowChange(row(1, "A-1", "Lamp"), row(1, "A-1", "Desk lamp")));
        assertEquals(2, ops.size());
        assertInstanceOf(IndexDocument.class, ops.get(0));
        assertEquals(new InvalidateKeys(List.of("product:1", "product:sku:A-1")), ops.get(1));
    }

    @Test
    void anUpdateChangingOneKeysColumnDropsTheOtherKeyOnceAndKeepsTheId() {
        List<SinkOperation> ops = map(RowChangeKind.UPDATE,
                new RowChange(row(1, "A-1", "Lamp"), row(1, "A-2", "Lamp")));
        assertEquals(2, ops.size());
        assertEquals("1", assertInstanceOf(IndexDocument.class, ops.get(0)).id());
        assertEquals(new InvalidateKeys(List.of("product:1", "product:sku:A-1", "product:sku:A-2")), ops.get(1));
    }

    /** Ids and keys are the values' text: equal values in other objects name the same ones, unequal never. */
    @Test
    void anUpdateComparesKeyValuesNotTheirObjects() {
        TableColumns columns = new TableColumns(List.of("code", "blob", "note"), List.of("code", "blob"));
        TableMapping byValue = new TableMapping("mappings[3]", PRODUCTS, "x", List.of("code", "blob"),
                new FieldSelection("mappings[3]", FieldsConfig.allColumns()),
                List.of(KeyTemplate.parse("c:{code}"), KeyTemplate.parse("b:{blob}"), KeyTemplate.parse("n:{note}")));
        RowImage before = new RowImage(columns, new Object[] {new BigDecimal("1.0"), new byte[] {1, 2}, null});
        RowImage sameText = new RowImage(columns, new Object[] {new BigDecimal("1.0"), new byte[] {1, 2}, "x"});
        RowImage otherScale = new RowImage(columns, new Object[] {new BigDecimal("1.00"), new byte[] {1, 2}, null});
        List<SinkOperation> same = new ArrayList<>();
        List<SinkOperation> other = new ArrayList<>();
        ChangeMapper mapper = new ChangeMapper(List.of(byValue));

        mapper.map(new RowsChanged(RowChangeKind.UPDATE, PRODUCTS, AT, VERSION,
                List.of(new RowChange(before, sameText))), same::add);
        mapper.map(new RowsChanged(RowChangeKind.UPDATE, PRODUCTS, AT, VERSION,
                List.of(new RowChange(before, otherScale))), other::add);

        assertEquals(2, same.size());
        assertEquals("1.0:AQI=", assertInstanceOf(IndexDocument.class, same.get(0)).id());
        assertEquals(new InvalidateKeys(List.of("c:1.0", "b:AQI=", "n:x")), same.get(1));
        assertEquals("1.0:AQI=", assertInstanceOf(DeleteDocument.class, other.get(0)).id());
        assertEquals("1.00:AQI=", assertInstanceOf(IndexDocument.class, other.get(1)).id());
        assertEquals(new InvalidateKeys(List.of("c:1.0", "b:AQI=", "c:1.00")), other.get(2));
    }

    /** Field names are encoded once per plan, exactly as the generator writes text (surrogates escaped). */
    @Test
    void fieldNamesAreEscapedLikeValues() {
        TableColumns columns = new TableColumns(List.of("id", "v"), List.of("id"));
        TableMapping renaming = new TableMapping("mappings[4]", PRODUCTS, "x", List.of("id"),
                new FieldSelection("mappings[4]", new FieldsConfig(List.of(), List.of(),
                        Map.of("v", "a\"b\\c\u0001\nZoë 😀", "id", "a\"b\\c\u0001\nZoë"), Map.of())), List.of());
        List<SinkOperation> ops = new ArrayList<>();
        new ChangeMapper(List.of(renaming)).map(new RowsChanged(RowChangeKind.INSERT, PRODUCTS, AT, VERSION,
                List.of(RowChange.inserted(new RowImage(columns, new Object[] {1L, "a\"b\\c\u0001\nZoë 😀"})))),
                ops::add);
        assertEquals("{\"a\\\"b\\\\c\\u0001\\nZoë\":1,\"a\\\"b\\\\c\\u0001\\nZoë \\uD83D\\uDE00\":\"a\\\"b\\\\c\\u0001\\nZoë \\uD83D\\uDE00\"}",
                new String(assertInstanceOf(IndexDocument.class, ops.get(0)).source(), StandardCharsets.UTF_8));
    }

    @Test
    void aDeleteDeletesTheDocument() {
        List<SinkOperation> ops = map(RowChangeKind.DELETE, RowChange.deleted(row(5, "B", "Chair")));
        DeleteDocument delete = assertInstanceOf(DeleteDocument.class, ops.get(0));
        assertEquals("5", delete.id());
    }

    @Test
    void eachRowOfAnEventGetsItsOwnVersion() {
        List<SinkOperation> ops = map(RowChangeKind.INSERT, RowChange.inserted(row(1, "A", "a")),
                RowChange.inserted(row(2, "B", "b")));
        long first = ((IndexDocument) ops.get(0)).version();
        long second = ((IndexDocument) ops.get(2)).version();
        assertEquals(first + 1, second);
    }

    @Test
    void compositeIdsEscapeTheSeparator() {
        TableColumns columns = new TableColumns(List.of("a", "b"), List.of("a", "b"));
        TableMapping composite = new TableMapping("mappings[1]", PRODUCTS, "x", List.of("a", "b"),
                new FieldSelection("mappings[1]", FieldsConfig.allColumns()), List.of());
        assertEquals("x\\:y:z", composite.documentId(new RowImage(columns, new Object[] {"x:y", "z"})));
        assertEquals("x:y\\:z", composite.documentId(new RowImage(columns, new Object[] {"x", "y:z"})));
        assertEquals("7:2024", composite.documentId(new RowImage(columns, new Object[] {7L, 2024L})));
    }

    @Test
    void aNullIdIsAnErrorNamingTheMapping() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> mapping.documentId(new RowImage(COLUMNS, new Object[] {null, "s", "t", null, null, null})));
        assertTrue(error.getMessage().contains("mappings[0]") && error.getMessage().contains("id column id"),
                error.getMessage());
    }

    @Test
    void conversionsChangeTheDocumentButNeitherTheIdNorTheKeys() {
        TableColumns columns = new TableColumns(List.of("id", "colors", "created_ms"), List.of("id"));
        TableMapping converting = new TableMapping("mappings[2]", PRODUCTS, "products", List.of("created_ms"),
                new FieldSelection("mappings[2]", new FieldsConfig(List.of(), List.of(),
                        Map.of("created_ms", "created"),
                        Map.of("id", FieldConversion.of(Kind.STRING), "colors", FieldConversion.of(Kind.SPLIT),
                                "created_ms", FieldConversion.of(Kind.EPOCH_MILLIS)))),
                List.of(KeyTemplate.parse("product:{id}:{colors}:{created_ms}")));
        RowImage row = new RowImage(columns, new Object[] {new BigDecimal("7.0"), "red, green", 1_714_979_289_123L});
        List<SinkOperation> ops = new ArrayList<>();

        new ChangeMapper(List.of(converting)).map(new RowsChanged(RowChangeKind.INSERT, PRODUCTS, AT, VERSION,
                List.of(RowChange.inserted(row))), ops::add);

        IndexDocument index = assertInstanceOf(IndexDocument.class, ops.get(0));
        assertEquals("{\"id\":\"7.0\",\"colors\":[\"red\",\"green\"],\"created\":\"2024-05-06T07:08:09.123Z\"}",
                new String(index.source(), StandardCharsets.UTF_8), "renamed and converted");
        assertEquals("1714979289123", index.id());
        assertEquals(new InvalidateKeys(List.of("product:7.0:red, green:1714979289123")), ops.get(1));
    }

    @Test
    void aValueAConversionRefusesStopsTheMappingNamingWhere() {
        TableColumns columns = new TableColumns(List.of("id", "attributes"), List.of("id"));
        TableMapping converting = new TableMapping("mappings[2]", PRODUCTS, "products", List.of("id"),
                new FieldSelection("mappings[2]", new FieldsConfig(List.of(), List.of(), Map.of(),
                        Map.of("attributes", FieldConversion.of(Kind.JSON)))), List.of());
        RowChange change = RowChange.inserted(new RowImage(columns, new Object[] {1L, "{broken"}));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ChangeMapper(List.of(converting)).map(new RowsChanged(RowChangeKind.INSERT, PRODUCTS, AT, VERSION,
                        List.of(change)), operation -> { }));
        assertTrue(error.getMessage().startsWith("mappings[2].fields.convert.attributes: column attributes holds"
                + " \"{broken\", which is not JSON"), error.getMessage());
    }

    @Test
    void rowsOfOtherTablesAreIgnored() {
        List<SinkOperation> out = new ArrayList<>();
        mapper.map(new RowsChanged(RowChangeKind.INSERT, TableId.parse("shop.other"), AT, VERSION,
                List.of(RowChange.inserted(row(1, "A", "a")))), out::add);
        assertTrue(out.isEmpty());
    }
}
