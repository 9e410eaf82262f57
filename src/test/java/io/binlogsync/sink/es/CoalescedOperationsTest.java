package io.binlogsync.sink.es;

import io.binlogsync.event.TableId;
import io.binlogsync.mapping.DeleteDocument;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.IndexDocument;
import io.binlogsync.sink.SinkMetrics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class CoalescedOperationsTest {
    private static final TableId ITEMS = TableId.parse("shop.items");

    /** What was reported per index, and how many reports (one per run of an index among the dropped). */
    private final Map<String, Integer> coalesced = new TreeMap<>();
    private int reports;
    private final SinkMetrics perIndex = new SinkMetrics() {
        @Override
        public void documentsCoalesced(String index, int count) {
            coalesced.merge(index, count, Integer::sum);
            reports++;
        }
    };

    private static IndexDocument index(String index, String id, long version, String source) {
        return new IndexDocument(index, id, version, source.getBytes(), ITEMS);
    }

    private static DeleteDocument delete(String index, String id, long version) {
        return new DeleteDocument(index, id, version, ITEMS);
    }

    @Test
    void withoutRepeatedDocumentsTheSameListGoesOut() {
        CoalescedOperations coalescing = new CoalescedOperations(perIndex);
        // the same id in two indices and two ids in one index are different documents
        List<DocumentOperation> operations = List.of(index("a", "1", 5, "{}"), index("b", "1", 5, "{}"),
                delete("a", "2", 6));
        assertSame(operations, coalescing.newestOf(operations));
        assertEquals(0, coalescing.count());
        assertEquals(Map.of(), coalesced);
    }

    @Test
    void theHighestVersionOfEachDocumentWinsWhateverItsKindAndPlace() {
        CoalescedOperations coalescing = new CoalescedOperations(perIndex);
        IndexDocument finalOne = index("a", "1", 30, "{\"v\":3}");
        DeleteDocument deleted = delete("a", "2", 25);
        IndexDocument other = index("b", "1", 12, "{}");
        List<DocumentOperation> operations = List.of(index("a", "1", 10, "{\"v\":1}"), index("a", "2", 11, "{}"),
                other, finalOne, deleted, index("a", "1", 20, "{\"v\":2}"), index("b", "1", 8, "{}"));
        // survivors stand where their document first appeared
        assertEquals(List.of(finalOne, deleted, other), coalescing.newestOf(operations));
        assertEquals(4, coalescing.count());
        assertEquals(Map.of("a", 3, "b", 1), coalesced);
        assertEquals(2, reports, "one report per run of an index");
    }

    @Test
    void aDeleteAfterAnIndexOfTheSameDocumentWinsAndAnIndexAfterADeleteToo() {
        CoalescedOperations coalescing = new CoalescedOperations(perIndex);
        DeleteDocument deleted = delete("a", "1", 9);
        IndexDocument reinserted = index("a", "2", 9, "{}");
        assertEquals(List.of(deleted, reinserted), coalescing.newestOf(List.of(index("a", "1", 7, "{}"), deleted,
                delete("a", "2", 8), reinserted)));
    }

    @Test
    void ofEqualVersionsTheFirstWinsAsElasticsearchKeepsIt() {
        CoalescedOperations coalescing = new CoalescedOperations(perIndex);
        IndexDocument first = index("a", "1", 7, "{\"row\":1}");
        assertEquals(List.of(first), coalescing.newestOf(List.of(first, index("a", "1", 7, "{\"row\":2}"),
                delete("a", "1", 7))));
        assertEquals(2, coalescing.count());
    }

    @Test
    void manyDocumentsInManyIndicesEachKeepTheirNewest() {
        CoalescedOperations coalescing = new CoalescedOperations(perIndex);
        List<DocumentOperation> operations = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int document = 0; document < 1000; document++) {
                operations.add(index("index-" + document % 7, String.valueOf(document), round * 1000L + document,
                        "{}"));
            }
        }
        List<DocumentOperation> newest = coalescing.newestOf(operations);
        assertEquals(operations.subList(2000, 3000), newest);
        assertEquals(2000, coalescing.count());
        assertEquals(2000, coalesced.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(286, coalesced.get("index-0"), "documents 0, 7, ... 994 (143 of them) twice each");
    }
}
