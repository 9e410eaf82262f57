package io.binlogsync.pipeline;

import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.ChangeEvent;
import io.binlogsync.event.RowChangeKind;
import io.binlogsync.event.RowsChanged;
import io.binlogsync.event.SourceFailed;
import io.binlogsync.event.TableId;
import io.binlogsync.event.TransactionCommitted;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventHandoffTest {
    private static final BinlogPosition AT = new BinlogPosition("mysql-bin.000001", 4);
    private final EventHandoff handoff = new EventHandoff(10, 3);

    private static RowsChanged rows() {
        return new RowsChanged(RowChangeKind.DELETE, TableId.parse("shop.t"), AT, 1, List.of());
    }

    @Test
    void rowsWaitForTheEndOfTheirTransactionAndGoWithIt() throws Exception {
        RowsChanged first = rows();
        RowsChanged second = rows();
        TransactionCommitted commit = new TransactionCommitted(AT, Optional.empty(), 1);
        handoff.accept(first);
        handoff.accept(second);
        assertNull(handoff.poll(0), "nothing handed over inside a transaction");
        handoff.accept(commit);
        assertEquals(List.of(first, second, commit), handoff.poll(0));
        assertNull(handoff.poll(0));
    }

    @Test
    void theTimeTheSourceWaitsForRoomIsCountedWhileItWaitsAndAfter() throws Exception {
        TransactionCommitted commit = new TransactionCommitted(AT, Optional.empty(), 1);
        for (int i = 0; i < 10; i++) {
            handoff.accept(commit);
        }
        assertEquals(0, handoff.waitedSeconds(), "room for 10: no wait");
        Thread source = new Thread(() -> {
            try {
                handoff.accept(commit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        source.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (handoff.waitedSeconds() < 0.2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(source.isAlive(), "the eleventh waits for room");
        double during = handoff.waitedSeconds();
        assertTrue(during >= 0.2, "counted while it waits: " + during);
        handoff.poll(0);
        source.join(10_000);
        double after = handoff.waitedSeconds();
        assertTrue(after >= during, after + " after, " + during + " during: only grows");
        Thread.sleep(50);
        assertEquals(after, handoff.waitedSeconds(), "no longer counting once it got room");
    }

    @Test
    void aWakeHandsOverAnEmptyListInItsPlaceAmongTheEvents() throws Exception {
        TransactionCommitted commit = new TransactionCommitted(AT, Optional.empty(), 1);
        handoff.accept(commit);
        handoff.wake();
        assertEquals(List.of(commit), handoff.poll(0));
        assertEquals(List.of(), handoff.poll(0));
        assertTrue(handoff.isEmpty());
        assertNull(handoff.poll(0));
    }

    @Test
    void aLongTransactionGoesInListsOfAtMostTheLimit() throws Exception {
        for (int i = 0; i < 7; i++) {
            handoff.accept(rows());
        }
        assertEquals(3, handoff.poll(0).size());
        assertEquals(3, handoff.poll(0).size());
        assertNull(handoff.poll(0), "the seventh waits for its commit");
    }

    @Test
    void theSourceWaitsWhileTheQueueHoldsItsCapacityOfEvents() throws Exception {
        EventHandoff small = new EventHandoff(4, 2);
        TransactionCommitted commit = new TransactionCommitted(AT, Optional.empty(), 1);
        small.accept(rows());
        small.accept(rows());
        small.accept(commit);
        small.accept(commit);
        java.util.concurrent.CompletableFuture<Void> fifth = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                small.accept(commit);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThrows(java.util.concurrent.TimeoutException.class,
                () -> fifth.get(500, java.util.concurrent.TimeUnit.MILLISECONDS), "four events queued: the fifth waits");
        assertEquals(2, small.poll(0).size());
        fifth.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static RowsChanged rows(int count) {
        io.binlogsync.event.TableColumns columns = new io.binlogsync.event.TableColumns(List.of("id"), List.of("id"));
        List<io.binlogsync.event.RowChange> changes = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            changes.add(io.binlogsync.event.RowChange.inserted(
                    new io.binlogsync.event.RowImage(columns, new Object[] {(long) i})));
        }
        return new RowsChanged(RowChangeKind.INSERT, TableId.parse("shop.t"), AT, 1, changes);
    }

    @Test
    void theSourceWaitsWhileTheQueueHoldsItsRowsEvenWithRoomForEvents() throws Exception {
        EventHandoff small = new EventHandoff(100, 64, 10);
        TransactionCommitted commit = new TransactionCommitted(AT, Optional.empty(), 1);
        small.accept(rows(6));
        small.accept(commit);
        java.util.concurrent.CompletableFuture<Void> fiveMore = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                small.accept(rows(5));
                small.accept(commit);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThrows(java.util.concurrent.TimeoutException.class,
                () -> fiveMore.get(500, java.util.concurrent.TimeUnit.MILLISECONDS),
                "six rows of ten queued, two events of a hundred: five more rows wait");
        assertEquals(6, ((RowsChanged) small.poll(0).get(0)).rows().size());
        fiveMore.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(5, ((RowsChanged) small.poll(0).get(0)).rows().size());
        small.accept(rows(25));
        assertEquals(1, small.poll(0).size(), "an event of more rows than may wait goes alone, into an empty queue");
    }

    @Test
    void aFailureGoesAtOnceWithWhatWaitsBeforeIt() throws Exception {
        RowsChanged waiting = rows();
        SourceFailed failed = new SourceFailed("connection lost", null, AT);
        handoff.accept(waiting);
        handoff.accept(failed);
        assertEquals(List.of(waiting, failed), handoff.poll(0));
    }
}
