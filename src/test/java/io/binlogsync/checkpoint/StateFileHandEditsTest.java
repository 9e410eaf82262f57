package io.binlogsync.checkpoint;

import io.binlogsync.event.BinlogPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the position commands do to the state file: find the lock's holder, keep a backup, remove the position. */
class StateFileHandEditsTest {
    @TempDir
    Path dir;

    @Test
    void theLockNamesItsHolderWhileHeldAndNobodyAfter() throws Exception {
        StateFile state = new StateFile(dir.resolve("state.json"));
        assertEquals(Optional.empty(), state.lockHolder(), "no lock file yet");
        try (AutoCloseable lock = state.lock()) {
            String holder = state.lockHolder().orElseThrow();
            assertTrue(holder.contains("process " + ProcessHandle.current().pid()), holder);
            assertTrue(holder.contains(dir.resolve("state.json.lock").toString()), holder);
            StateFileException refused = assertThrows(StateFileException.class, state::lock);
            assertTrue(refused.getMessage().contains("process " + ProcessHandle.current().pid()),
                    refused.getMessage());
        }
        assertEquals(Optional.empty(), state.lockHolder());
        try (AutoCloseable again = state.lock()) {
            assertTrue(state.lockHolder().isPresent());
        }
    }

    @Test
    void aBackupIsAByteCopyNamedByTheTime() throws Exception {
        StateFile state = new StateFile(dir.resolve("state.json"));
        Instant now = Instant.parse("2026-12-03T11:22:33.456Z");
        assertEquals(Optional.empty(), state.backup(now), "nothing to keep");
        state.save(new Checkpoint(new BinlogPosition("bin.000007", 120), Optional.of("0-1-5"),
                Instant.parse("2026-12-01T00:00:00Z")));
        Path backup = state.backup(now).orElseThrow();
        assertEquals(dir.resolve("state.json.bak-20261203T112233.456Z"), backup);
        assertEquals(Files.readString(state.path()), Files.readString(backup));
        assertEquals(state.load(), new StateFile(backup).load(), "the backup is itself a state file");
    }

    @Test
    void removeLeavesNoPosition() {
        StateFile state = new StateFile(dir.resolve("state.json"));
        state.save(new Checkpoint(new BinlogPosition("bin.000007", 120), Optional.empty(), Instant.EPOCH));
        state.remove();
        assertFalse(Files.exists(state.path()));
        assertEquals(Optional.empty(), state.load());
        state.remove(); // twice is harmless
    }
}
