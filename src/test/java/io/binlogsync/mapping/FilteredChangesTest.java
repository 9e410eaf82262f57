package io.binlogsync.mapping;

import io.binlogsync.config.MappingConfig;
import io.binlogsync.config.MappingConfigBuilder;
import io.binlogsync.config.RowFilterConfig;
import io.binlogsync.config.RowFilterConfig.Condition;
import io.binlogsync.config.RowFilterConfig.Operator;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.RowChange;
import io.binlogsync.event.RowChangeKind;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.RowsChanged;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * What the stream does with a mapping's filter ({@code status not-in [draft]} and {@code deleted_at is-null}): a row
 * entering the filter is indexed, one leaving it deleted at the change's own version, one outside it ignored, by the
 * index and by the cache alike.
 */
class FilteredChangesTest {
    private static final TableId PRODUCTS = TableId.parse("shop.products");
    private static final TableColumns COLUMNS = new TableColumns(List.of("id", "status", "deleted_at"),
            List.of("id"));
    private static final BinlogPosition AT = new BinlogPosition("mysql-bin.000003", 500);
    private static final long VERSION = 12_884_902_388L;
    private static final LocalDateTime GONE = LocalDateTime.of(2024, 5, 6, 7, 8, 9);

    private static TableMapping mapping(String index, Optional<RowFilterConfig> filter) {
        MappingConfig config = MappingConfigBuilder.mapping("mappings[0]", PRODUCTS, index)
                .redisInvalidate(List.of("product:{id}")).filter(filter).build();
        return MappingCompiler.compile(List.of(config), table -> Optional.of(COLUMNS)).get(0);
    }

    private static final TableMapping FILTERED = mapping("products", Optional.of(new RowFilterConfig.All(
            "mappings[0].filter", List.of(
                    new Condition("mappings[0].filter.all[0].not-in", "mappings[0].filter.all[0].column", "status",
                            Operator.NOT_IN, List.of("draft")),
                    new Condition("mappings[0].filter.all[1].is-null", "mappings[0].filter.all[1].column",
                            "deleted_at", Operator.IS_NULL, List.of())))));

    private final ChangeMapper mapper = new ChangeMapper(List.of(FILTERED));

    private static RowImage row(long id, String status, LocalDateTime deletedAt) {
        return new RowImage(COLUMNS, new Object[] {id, status, deletedAt});
    }

    private List<SinkOperation> map(ChangeMapper on, RowChangeKind kind, RowChange... rows) {
        List<SinkOperation> out = new ArrayList<>();
        on.map(new RowsChanged(kind, PRODUCTS, AT, VERSION, List.of(rows)), out::add);
        return out;
    }

    private List<SinkOperation> map(RowChangeKind kind, RowChange... rows) {
        return map(mapper, kind, rows);
    }

    @Test
    void anInsertOutsideTheFilterDoesNothing() {
        assertEquals(List.of(), map(RowChangeKind.INSERT, RowChange.inserted(row(1, "draft", null))));
        assertEquals(List.of(), map(RowChangeKind.INSERT, RowChange.inserted(row(1, "live", GONE))));
    }

    @Test
    void anInsertInsideIndexesAndInvalidates() {
        List<SinkOperation> ops = map(RowChangeKind.INSERT, RowChange.inserted(row(1, "live", null)));
        assertEquals("1", assertInstanceOf(IndexDocument.class, ops.get(0)).id());
        assertEquals(new InvalidateKeys(List.of("product:1")), ops.get(1));
    }

    @Test
    void anUpdateLeavingTheFilterDeletesAtItsVersionAndInvalidates() {
        List<SinkOperation> ops = map(RowChangeKind.UPDATE, new RowChange(row(1, "live", null), row(1, "live", GONE)));
        assertEquals(List.of(new DeleteDocument("products", "1", VERSION, PRODUCTS),
                new InvalidateKeys(List.of("product:1"))), ops);
    }

    @Test
    void anUpdateLeavingWhileItsKeyChangesDeletesTheOldDocumentOnly() {
        List<SinkOperation> ops = map(RowChangeKind.UPDATE, new RowChange(row(1, "live", null), row(2, "draft", null)));
        assertEquals(List.of(new DeleteDocument("products", "1", VERSION, PRODUCTS),
                new InvalidateKeys(List.of("product:1"))), ops);
    }

    @Test
    void anUpdateEnteringTheFilterIndexesAndInvalidates() {
        List<SinkOperation> ops = map(RowChangeKind.UPDATE, new RowChange(row(1, "draft", null), row(1, "live", null)));
        assertEquals(2, ops.size());
        IndexDocument index = assertInstanceOf(IndexDocument.class, ops.get(0));
        assertEquals("1", index.id());
        assertEquals(VERSION, index.version());
        assertEquals(new InvalidateKeys(List.of("product:1")), ops.get(1));
    }

    @Test
    void anUpdateInsideReindexes() {
        List<SinkOperation> ops = map(RowChangeKind.UPDATE, new RowChange(row(1, "live", null), row(1, "sale", null)));
        assertInstanceOf(IndexDocument.class, ops.get(0));
        assertEquals(new InvalidateKeys(List.of("product:1")), ops.get(1));
    }

    @Test
    void changesOutsideTheFilterDoNothingAtAll() {
        assertEquals(List.of(), map(RowChangeKind.UPDATE, new RowChange(row(1, "draft", null), row(1, "draft", GONE))));
        assertEquals(List.of(), map(RowChangeKind.DELETE, RowChange.deleted(row(1, "draft", null))));
    }

    @Test
    void aDeleteInsideDeletes() {
        assertEquals(List.of(new DeleteDocument("products", "1", VERSION, PRODUCTS),
                new InvalidateKeys(List.of("product:1"))), map(RowChangeKind.DELETE,
                RowChange.deleted(row(1, "live", null))));
    }

    @Test
    void eachRowOfAnEventIsJudgedAloneAtItsOwnVersion() {
        List<SinkOperation> ops = map(RowChangeKind.UPDATE,
                new RowChange(row(1, "draft", null), row(1, "draft", null)),
                new RowChange(row(2, "live", null), row(2, "draft", null)));
        assertEquals(List.of(new DeleteDocument("products", "2", VERSION + 1, PRODUCTS),
                new InvalidateKeys(List.of("product:2"))), ops);
    }

    @Test
    void anotherMappingOfTheTableKeepsEveryRow() {
        ChangeMapper both = new ChangeMapper(List.of(FILTERED, mapping("all-products", Optional.empty())));
        List<SinkOperation> ops = map(both, RowChangeKind.INSERT, RowChange.inserted(row(1, "draft", null)));
        assertEquals("all-products", assertInstanceOf(IndexDocument.class, ops.get(0)).index());
        assertEquals(new InvalidateKeys(List.of("product:1")), ops.get(1));
    }

    @Test
    void aCopyDeletesTheDocumentsOfRowsTheFilterLeavesOut() {
        List<DocumentOperation> out = new ArrayList<>();
        FilteredOutRows.deletes(List.of(FILTERED), row(1, "live", null), 7, out::add);
        FilteredOutRows.deletes(List.of(FILTERED), row(2, "draft", null), 7, out::add);
        assertEquals(List.of(new DeleteDocument("products", "2", 7, PRODUCTS)), out);
    }
}
