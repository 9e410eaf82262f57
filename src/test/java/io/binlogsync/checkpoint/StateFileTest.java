package io.binlogsync.checkpoint;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.BinlogPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateFileTest {
    @TempDir
    Path dir;

    @Test
    void noFileMeansNoState() {
        assertTrue(new StateFile(dir.resolve("state.json")).load().isEmpty());
    }

    @Test
    void savesAndLoadsPositionAndGtid() {
        StateFile state = new StateFile(dir.resolve("sub/state.json"));
        Checkpoint checkpoint = new Checkpoint(new BinlogPosition("mysql-bin.000012", 4711), Optional.of("0-1-99"),
                Instant.parse("2026-01-02T03:04:05Z"));
        state.save(checkpoint);
        assertEquals(Optional.of(checkpoint), state.load());
        Checkpoint next = new Checkpoint(new BinlogPosition("mysql-bin.000013", 4), Optional.empty(),
                Instant.parse("2026-01-02T03:04:06Z"));
        state.save(next);
        assertEquals(Optional.of(next), state.load());
        assertFalse(Files.exists(dir.resolve("sub/state.json.tmp")), "no temporary file is left behind");
    }

    @Test
    void savesAndLoadsWhoseBinlogThePositionIsAndHowDocumentsWereVersioned() {
        StateFile state = new StateFile(dir.resolve("state.json"));
        Checkpoint checkpoint = new Checkpoint(new BinlogPosition("mysql-bin.000002", 330),
                Optional.of("0-2-1500,1-1-7"), Optional.of(new StreamOrigin(2, DocumentVersions.GTID)),
                Instant.parse("2026-01-02T03:04:05Z"));
        state.save(checkpoint);
        assertEquals(Optional.of(checkpoint), state.load());
    }

    @Test
    void theFileIsTheDocumentOperatorsEditByHand() throws IOException {
        StateFile state = new StateFile(dir.resolve("state.json"));
        state.save(new Checkpoint(new BinlogPosition("mysql-bin.000002", 330), Optional.of("0-2-1500"),
                Optional.of(new StreamOrigin(2, DocumentVersions.GTID)), Instant.parse("2026-01-02T03:04:05Z")));
        assertEquals("""
                {
                  "format" : 1,
                  "binlog" : {
                    "file" : "mysql-bin.000002",
                    "position" : 330
                  },
                  "gtid" : "0-2-1500",
                  "source" : {
                    "server-id" : 2,
                    "versions" : "gtid"
                  },
                  "saved-at" : "2026-01-02T03:04:05Z"
                }""", Files.readString(state.path()).replace("\r\n", "\n"));
    }

    @Test
    void aStateFileWithoutItsSourceIsReadAsOfUnknownOrigin() throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{\"format\":1,\"binlog\":{\"file\":\"mysql-bin.000007\",\"position\":4}}");
        assertEquals(Optional.empty(), new StateFile(file).load().orElseThrow().origin());
    }

    @Test
    void damagedFilesAreErrorsNamingTheFile() throws IOException {
        Path file = dir.resolve("state.json");
        for (String content : new String[] {"", "{\"format\":1,\"binlog\":{\"file\":\"mysql-bin.0", "not json",
                "{\"format\":1}", "[]",
                "{\"format\":1,\"binlog\":{\"file\":\"mysql-bin.000001\",\"position\":4},\"source\":{}}",
                "{\"format\":1,\"binlog\":{\"file\":\"mysql-bin.000001\",\"position\":4},"
                        + "\"source\":{\"server-id\":1,\"versions\":\"clock\"}}"}) {
            Files.writeString(file, content);
            StateFileException error = assertThrows(StateFileException.class, () -> new StateFile(file).load(),
                    "content: " + content);
            assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
            assertTrue(error.getMessage().contains("damaged"), error.getMessage());
            assertEquals(content, Files.readString(file), "a damaged file is left as it is");
        }
    }

    @Test
    void aFailedSaveLeavesTheOldStateIntact() throws IOException {
        Path file = dir.resolve("state.json");
        StateFile state = new StateFile(file);
        Checkpoint old = new Checkpoint(new BinlogPosition("mysql-bin.000001", 100), Optional.empty(), Instant.EPOCH);
        state.save(old);
        // a directory where the temporary file must go makes the write fail
        Files.createDirectory(dir.resolve("state.json.tmp"));
        assertThrows(StateFileException.class, () -> state.save(
                new Checkpoint(new BinlogPosition("mysql-bin.000002", 4), Optional.empty(), Instant.EPOCH)));
        assertEquals(Optional.of(old), state.load());
    }
}
