package io.binlogsync.pipeline;

import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.event.BinlogPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointSaverTest {
    @TempDir
    Path directory;

    private static Checkpoint at(long offset) {
        return new Checkpoint(new BinlogPosition("mysql-bin.000001", offset), Optional.empty(), Instant.EPOCH);
    }

    @Test
    void savesTheNewestOfferedCheckpointAndTellsEachSaveInOrder() throws Exception {
        StateFile file = new StateFile(directory.resolve("state.json"));
        List<Long> saved = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CheckpointSaver saver = new CheckpointSaver(file, c -> saved.add(c.position().offset()), failures::add);
        saver.start();
        for (long offset = 4; offset <= 2000; offset++) {
            saver.offer(at(offset));
        }
        assertTrue(saver.flush(Duration.ofSeconds(30)));
        assertEquals(2000, file.load().orElseThrow().position().offset());
        assertEquals(2000L, saved.get(saved.size() - 1));
        for (int i = 1; i < saved.size(); i++) {
            assertTrue(saved.get(i) > saved.get(i - 1), "saves in binlog order: " + saved);
        }
        assertTrue(failures.isEmpty());
        saver.stop();
        saver.offer(at(3000));
        assertEquals(2000, file.load().orElseThrow().position().offset(), "nothing is saved after stop");
    }

    @Test
    void savesStartAtLeastTheirIntervalApartUnlessFlushed() throws Exception {
        StateFile file = new StateFile(directory.resolve("state.json"));
        List<Long> savedAtNanos = new CopyOnWriteArrayList<>();
        CheckpointSaver saver = new CheckpointSaver(file, c -> savedAtNanos.add(System.nanoTime()), e -> { });
        saver.start();
        long offeredFirst = System.nanoTime();
        saver.offer(at(4));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (savedAtNanos.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        saver.offer(at(5));
        while (savedAtNanos.size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(2, savedAtNanos.size(), "both saved, the second without a flush");
        // the first save started after it was offered, the second at least the interval after the first started
        assertTrue(savedAtNanos.get(1) - offeredFirst >= CheckpointSaver.MIN_NANOS_BETWEEN_SAVES,
                (savedAtNanos.get(1) - offeredFirst) + " ns");
        saver.offer(at(6));
        assertTrue(saver.flush(Duration.ofSeconds(30)));
        assertEquals(6, file.load().orElseThrow().position().offset(), "a flush saves what is pending");
        saver.stop();
    }

    @Test
    void aFailedSaveIsReportedAndStopsSaving() throws Exception {
        Path notADirectory = directory.resolve("plain-file");
        Files.writeString(notADirectory, "x");
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CheckpointSaver saver = new CheckpointSaver(new StateFile(notADirectory.resolve("state.json")), c -> { },
                failures::add);
        saver.start();
        saver.offer(at(4));
        assertFalse(saver.flush(Duration.ofSeconds(30)));
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).getMessage().contains("cannot save the position"), failures.get(0).getMessage());
        saver.stop();
    }
}
