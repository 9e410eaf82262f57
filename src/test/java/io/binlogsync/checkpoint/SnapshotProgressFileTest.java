package io.binlogsync.checkpoint;

import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.TableId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotProgressFileTest {
    private static final TableId PRODUCTS = TableId.parse("shop.products");
    private static final TableId ORDERS = TableId.parse("shop.orders");

    @TempDir
    Path dir;

    @Test
    void progressLivesBesideTheStateFileAndSurvivesARoundTrip() {
        SnapshotProgressFile file = new SnapshotProgressFile(dir.resolve("state.json"));
        assertEquals(dir.resolve("state.json.snapshot").toAbsolutePath(), file.path());
        assertTrue(file.load().isEmpty());
        SnapshotProgress progress = new SnapshotProgress(new BinlogPosition("mysql-bin.000003", 1234),
                Optional.of("0-1-77"), new StreamOrigin(1, DocumentVersions.GTID),
                Map.of(PRODUCTS, SnapshotProgress.TableProgress.NOT_STARTED))
                .with(PRODUCTS, new SnapshotProgress.TableProgress(false, List.of("42", "a:b"), 5000))
                .with(ORDERS, new SnapshotProgress.TableProgress(true, List.of(), 17));
        file.save(progress);
        assertEquals(Optional.of(progress), file.load());
        file.delete();
        assertFalse(Files.exists(file.path()));
    }

    @Test
    void theFileKeepsItsLayout() throws IOException {
        SnapshotProgressFile file = new SnapshotProgressFile(dir.resolve("state.json"));
        file.save(new SnapshotProgress(new BinlogPosition("mysql-bin.000003", 1234), Optional.of("0-1-77"),
                new StreamOrigin(1, DocumentVersions.GTID),
                Map.of(PRODUCTS, new SnapshotProgress.TableProgress(false, List.of("42"), 5000))));
        assertEquals("""
                {
                  "format" : 1,
                  "stream-from" : {
                    "file" : "mysql-bin.000003",
                    "position" : 1234
                  },
                  "gtid" : "0-1-77",
                  "server-id" : 1,
                  "versions" : "gtid",
                  "tables" : {
                    "shop.products" : {
                      "done" : false,
                      "rows" : 5000,
                      "after" : [ "42" ]
                    }
                  }
                }""", Files.readString(file.path()).replace("\r\n", "\n"));
    }

    @Test
    void aFailedSaveLeavesThePreviousProgressAndSaysSo() throws IOException {
        SnapshotProgressFile file = new SnapshotProgressFile(dir.resolve("state.json"));
        SnapshotProgress old = new SnapshotProgress(new BinlogPosition("mysql-bin.000003", 4), Optional.empty(),
                new StreamOrigin(1, DocumentVersions.BINLOG_POSITION), Map.of());
        file.save(old);
        // a directory where the temporary file must go makes the write fail
        Files.createDirectory(dir.resolve("state.json.snapshot.tmp"));
        StateFileException error = assertThrows(StateFileException.class, () -> file.save(
                old.with(PRODUCTS, new SnapshotProgress.TableProgress(true, List.of(), 1))));
        assertTrue(error.getMessage().startsWith("cannot save snapshot progress to " + file.path()),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("; the previous progress is intact. Free disk space or fix"
                + " permissions, then restart"), error.getMessage());
        assertEquals(Optional.of(old), file.load());
    }

    @Test
    void aDamagedProgressFileIsAnErrorNamingItAndIsLeftAsItIs() throws IOException {
        SnapshotProgressFile file = new SnapshotProgressFile(dir.resolve("state.json"));
        Files.writeString(file.path(), "{\"format\":1,\"stream-from\":");
        StateFileException error = assertThrows(StateFileException.class, file::load);
        assertTrue(error.getMessage().contains(file.path().toString()), error.getMessage());
        assertTrue(error.getMessage().contains("start the snapshot over"), error.getMessage());
        assertEquals("{\"format\":1,\"stream-from\":", Files.readString(file.path()));
    }
}
