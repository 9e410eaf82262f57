package io.binlogsync.pipeline;

import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.config.BulkConfig;
import io.binlogsync.config.DdlConfig;
import io.binlogsync.config.DdlConfig.DropPolicy;
import io.binlogsync.config.DdlConfig.TruncatePolicy;
import io.binlogsync.config.FieldsConfig;
import io.binlogsync.config.MappingConfigBuilder;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.RowChange;
import io.binlogsync.event.RowChangeKind;
import io.binlogsync.event.RowImage;
import io.binlogsync.event.RowsChanged;
import io.binlogsync.event.TableColumns;
import io.binlogsync.event.TableId;
import io.binlogsync.event.TransactionCommitted;
import io.binlogsync.mapping.ChangeMapper;
import io.binlogsync.mapping.DocumentOperation;
import io.binlogsync.mapping.MappingCompiler;
import io.binlogsync.sink.Sink;
import io.binlogsync.sink.SinkBatch;
import io.binlogsync.testing.ManualClock;
import io.binlogsync.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * When batches leave the mapper (group commit): at once when nothing more waits and a writer is free, filling while
 * the writers are busy, and still cut by max-actions and max-wait. One writer; a sink the test holds and releases.
 */
class SyncPipelineTest {
    private static final TableId ITEMS = TableId.parse("shop.items");
    private static final TableColumns COLUMNS = new TableColumns(List.of("id", "v"), List.of("id"));
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    private final HeldSink sink = new HeldSink();
    private final ManualClock clock = new ManualClock();
    private SyncPipeline pipeline;

    private void start(int maxActions) {
        FieldsConfig all = new FieldsConfig(List.of(), List.of(), Map.of(), Map.of());
        ChangeMapper mapper = new ChangeMapper(MappingCompiler.compile(List.of(
                MappingConfigBuilder.mapping("mappings[0]", ITEMS, "items").fields(all).build()),
                table -> Optional.of(COLUMNS)));
        pipeline = new SyncPipeline(mapper, List.of(sink), new StateFile(directory.resolve("state.json")),
                new BulkConfig(maxActions, 5_000_000, MAX_WAIT), 1000, 1, Set.of(ITEMS),
                new DdlConfig(TruncatePolicy.DELETE_DOCUMENTS, DropPolicy.STOP_MAPPING), clock);
        pipeline.start(new Checkpoint(at(4), Optional.empty(), Instant.EPOCH));
    }

    @AfterEach
    void stop() {
        sink.release();
        if (pipeline != null) {
            pipeline.close(DEADLINE);
        }
    }

    private static BinlogPosition at(long offset) {
        return new BinlogPosition("mysql-bin.000001", offset);
    }

    /** A transaction inserting row {@code id}, ending at offset {@code id * 100}. */
    private void transaction(int id) throws InterruptedException {
        RowImage row = new RowImage(COLUMNS, new Object[] {(long) id, "x"});
        pipeline.handler().accept(new RowsChanged(RowChangeKind.INSERT, ITEMS, at(id * 100L - 50), id * 100L - 50,
                List.of(RowChange.inserted(row))));
        pipeline.handler().accept(new TransactionCommitted(at(id * 100L), Optional.empty(), 1));
    }

    private void awaitAcknowledged(long offset) {
        Poll.until(DEADLINE, "the position to reach " + offset, () -> {
            pipeline.failure().ifPresent(cause -> {
                throw new Poll.GiveUp("the pipeline failed: " + cause);
            });
            return pipeline.acknowledged().position().equals(at(offset));
        });
    }

    @Test
    void aLoneTransactionGoesOutWithoutWaitingForMaxWait() throws Exception {
        start(500);
        // the clock stands still: a batch that waited for max-wait would never go
        transaction(1);
        awaitAcknowledged(100);
        assertEquals(List.of(List.of("1")), sink.batches());
    }

    @Test
    void whileTheWriterIsBusyTransactionsGatherInOneBatchAndThePositionWaitsForItsAcknowledgement()
            throws Exception {
        start(500);
        sink.hold();
        transaction(1);
        sink.awaitWrites(1);
        transaction(2);
        transaction(3);
        transaction(4);
        assertEquals(at(4), pipeline.acknowledged().position(), "nothing is acknowledged while the sink holds");
        sink.release();
        awaitAcknowledged(400);
        assertEquals(List.of(List.of("1"), List.of("2", "3", "4")), sink.batches());
    }

    @Test
    void maxActionsStillCutsABatchWhileTheWriterIsBusy() throws Exception {
        start(2);
        sink.hold();
        transaction(1);
        sink.awaitWrites(1);
        for (int id = 2; id <= 5; id++) {
            transaction(id);
        }
        sink.release();
        awaitAcknowledged(500);
        // a batch is cut at the row that fills it, before its commit: 3's commit goes with the next, 5's alone
        assertEquals(List.of(List.of("1"), List.of("2", "3"), List.of("4", "5"), List.of()), sink.batches());
    }

    @Test
    void maxWaitEndsTheFillingOfABatchWhileTheWriterIsBusy() throws Exception {
        start(500);
        sink.hold();
        transaction(1);
        sink.awaitWrites(1);
        transaction(2);
        // max-wait passes (again at each look: 2's batch opens when the mapper takes it), then the mapper waits for
        // the writer to take the closed batch: untimed, unlike its waits for events
        Poll.until(DEADLINE, "the mapper to wait for the writer", () -> {
            clock.advance(MAX_WAIT);
            return mapperWaitsUntimed();
        });
        transaction(3);
        sink.release();
        awaitAcknowledged(300);
        assertEquals(List.of(List.of("1"), List.of("2"), List.of("3")), sink.batches());
    }

    private static boolean mapperWaitsUntimed() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals("pipeline-mapper")
                && thread.getState() == Thread.State.WAITING);
    }

    /** Records the ids of each batch; while held, a write waits for the test to release it. */
    private static final class HeldSink implements Sink {
        private final List<List<String>> batches = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch held = new CountDownLatch(0);

        void hold() {
            held = new CountDownLatch(1);
        }

        void release() {
            held.countDown();
        }

        void awaitWrites(int count) {
            Poll.until(DEADLINE, count + " writes", () -> batches.size() >= count);
        }

        List<List<String>> batches() {
            return List.copyOf(batches);
        }

        @Override
        public String name() {
            return "held";
        }

        @Override
        public void write(SinkBatch batch) throws InterruptedException {
            batches.add(batch.documents().stream().map(DocumentOperation::id).toList());
            held.await();
        }

        @Override
        public void ping() {
        }

        @Override
        public void close() {
        }
    }
}
