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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventHandoffTest {
    private static final BinlogPosition AT = new BinlogPosition("mysql-bin.000001", 4);
    private final BlockingQueue<List<ChangeEvent>> queue = new ArrayBlockingQueue<>(10);
    private final EventHandoff handoff = new EventHandoff(queue, 3);

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
        assertTrue(queue.isEmpty(), "nothing handed over inside a transaction");
        handoff.accept(commit);
        assertEquals(List.of(first, second, commit), queue.poll());
        assertTrue(queue.isEmpty());
    }

    @Test
    void aLongTransactionGoesInListsOfAtMostTheLimit() throws Exception {
        for (int i = 0; i < 7; i++) {
            handoff.accept(rows());
        }
        assertEquals(3, queue.poll().size());
        assertEquals(3, queue.poll().size());
        assertTrue(queue.isEmpty(), "the seventh waits for its commit");
    }

    @Test
    void aFailureGoesAtOnceWithWhatWaitsBeforeIt() throws Exception {
        RowsChanged waiting = rows();
        SourceFailed failed = new SourceFailed("connection lost", null, AT);
        handoff.accept(waiting);
        handoff.accept(failed);
        assertEquals(List.of(waiting, failed), queue.poll());
    }
}
