package io.binlogsync.pipeline;

import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.TransactionCommitted;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AcknowledgedPrefixTest {
    private static Optional<TransactionCommitted> at(long offset) {
        return Optional.of(new TransactionCommitted(new BinlogPosition("mysql-bin.000001", offset), Optional.empty(), 1));
    }

    @Test
    void aLaterBatchAcknowledgedFirstWaitsForTheEarlierOne() {
        AcknowledgedPrefix prefix = new AcknowledgedPrefix();
        assertEquals(Optional.empty(), prefix.acknowledge(1, at(200)));
        assertEquals(Optional.empty(), prefix.acknowledge(2, Optional.empty()));
        assertEquals(at(200), prefix.acknowledge(0, at(100)), "the run 0..2 ends with batch 1's commit");
        assertEquals(at(400), prefix.acknowledge(3, at(400)));
    }

    @Test
    void batchesWithoutATransactionEndMoveNothing() {
        AcknowledgedPrefix prefix = new AcknowledgedPrefix();
        assertEquals(Optional.empty(), prefix.acknowledge(0, Optional.empty()));
        assertEquals(Optional.empty(), prefix.acknowledge(2, at(300)));
        assertEquals(at(300), prefix.acknowledge(1, Optional.empty()));
    }
}
