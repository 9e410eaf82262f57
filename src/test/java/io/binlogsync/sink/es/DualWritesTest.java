package io.binlogsync.sink.es;

import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.TableId;
import io.binlogsync.mapping.ClearIndex;
import io.binlogsync.mapping.DeleteDocument;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.IndexDocument;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DualWritesTest {
    private static final TableId ITEMS = TableId.parse("shop.items");
    private static final byte[] SOURCE = "{\"v\":1}".getBytes();

    @Test
    void withoutARebuildTheOperationsPassUnchanged() {
        DualWrites dual = new DualWrites();
        List<DocumentOperation> operations = List.of(new IndexDocument("products", "1", 5, SOURCE, ITEMS));
        assertSame(operations, dual.withCopies(operations));
    }

    @Test
    void duringARebuildWritesAndDeletesOfTheAliasAlsoGoToTheNewIndexWithTheSameVersion() throws Exception {
        DualWrites dual = new DualWrites();
        dual.start(Map.of("products", "products-2"));
        IndexDocument written = new IndexDocument("products", "1", 5, SOURCE, ITEMS);
        DeleteDocument deleted = new DeleteDocument("products", "2", 6, ITEMS);
        IndexDocument other = new IndexDocument("orders", "3", 7, SOURCE, ITEMS);
        List<DocumentOperation> all = dual.withCopies(List.of(written, deleted, other));
        assertEquals(5, all.size());
        assertEquals(new DeleteDocument("products-2", "2", 6, ITEMS), all.get(4));
        IndexDocument copy = (IndexDocument) all.get(3);
        assertEquals("products-2", copy.index());
        assertEquals(5, copy.version());
        assertSame(SOURCE, copy.source());
        ClearIndex clear = new ClearIndex("products", ITEMS, new BinlogPosition("b.000001", 4), 9);
        assertEquals(List.of(clear, new ClearIndex("products-2", ITEMS, clear.position(), 9)),
                dual.withCopiesOfClears(List.of(clear)));
        assertTrue(dual.isNewIndex("products-2"));
        assertFalse(dual.isNewIndex("products"));
    }

    @Test
    void aNewIndexStaysKnownAsOneAfterItsDualWriteEnded() throws Exception {
        DualWrites dual = new DualWrites();
        assertFalse(dual.isNewIndex("products-2"));
        dual.start(Map.of("products", "products-2"));
        assertTrue(dual.end(Duration.ofSeconds(5)));
        // a write still in flight when the rebuild gave up must fail the rebuild, never the daemon
        assertTrue(dual.isNewIndex("products-2"));
        assertFalse(dual.isNewIndex("products"));
        assertEquals(1, dual.withCopies(List.of(new IndexDocument("products", "1", 5, SOURCE, ITEMS))).size());
    }

    @Test
    void theDualWriteStartsOnlyOnceTheWritesInFlightAreDone() throws Exception {
        DualWrites dual = new DualWrites();
        Lock writing = dual.writing();
        writing.lock();
        CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
            try {
                dual.start(Map.of("products", "products-2"));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // a write in flight when the rebuild begins was not copied: the start must wait for it to end
        assertThrows(java.util.concurrent.TimeoutException.class, () -> started.get(500, TimeUnit.MILLISECONDS));
        writing.unlock();
        started.get(10, TimeUnit.SECONDS);
        assertEquals(2, dual.withCopies(List.of(new IndexDocument("products", "1", 5, SOURCE, ITEMS))).size());
    }

    @Test
    void theSwitchWaitsForWritesInFlightAndEndsTheDualWrite() throws Exception {
        DualWrites dual = new DualWrites();
        dual.start(Map.of("products", "products-2"));
        Lock writing = dual.writing();
        writing.lock();
        CompletableFuture<Boolean> switched = CompletableFuture.supplyAsync(() -> {
            try {
                return dual.endAfter(Duration.ofSeconds(10), () -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertFalse(dual.withCopies(List.of(new IndexDocument("products", "1", 5, SOURCE, ITEMS))).size() == 1,
                "still copying while a write is in flight");
        writing.unlock();
        assertTrue(switched.get(10, TimeUnit.SECONDS));
        assertEquals(1, dual.withCopies(List.of(new IndexDocument("products", "1", 5, SOURCE, ITEMS))).size());
    }

    @Test
    void aSwitchThatCannotPauseTheWritesGivesUp() throws Exception {
        DualWrites dual = new DualWrites();
        dual.start(Map.of("products", "products-2"));
        Lock writing = dual.writing();
        writing.lock();
        try {
            boolean ran = CompletableFuture.supplyAsync(() -> {
                try {
                    return dual.endAfter(Duration.ofMillis(50), () -> {
                        throw new AssertionError("must not run");
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(10, TimeUnit.SECONDS);
            assertFalse(ran);
        } finally {
            writing.unlock();
        }
    }
}
