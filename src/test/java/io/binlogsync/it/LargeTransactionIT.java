package io.binlogsync.it;

import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One transaction of 1,000,000 rows through the packaged daemon in -Xmx256m: documents go out before the
 * transaction ends, the position is saved only at its end, and a kill -9 in its middle replays it whole.
 */
@ExtendWith(TestServersExtension.class)
class LargeTransactionIT {
    private static final int ROWS = 1_000_000;
    private static final Pattern GC_BEFORE = Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)");

    private SyncFixture fixture;

    @BeforeEach
    void setUp(TestServers servers) throws Exception {
        fixture = new SyncFixture(servers, "big_" + Long.toString(System.nanoTime(), 36));
        fixture.createDatabase("CREATE TABLE {db}.items (id INT PRIMARY KEY, v INT, title VARCHAR(64))");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aMillionRowTransactionInBoundedMemoryKilledInItsMiddleIsReplayedWhole() throws Exception {
        Path config = fixture.writeConfig("[ { table = \"{db}.items\", index = \"{index}items\" } ]");
        Path log = fixture.directory.resolve("daemon.log");
        Path gcLog = fixture.directory.resolve("gc.log");
        List<String> jvm = List.of("-Xlog:gc:file=" + gcLog);
        DaemonProcess daemon = DaemonProcess.startWith(jvm, log, "run", "--config", config.toString());
        StateFile state = new StateFile(fixture.stateFile);
        Poll.until(Duration.ofSeconds(30), "the first state file", () -> Files.exists(fixture.stateFile));
        BinlogPosition before = state.load().orElseThrow().position();

        CompletableFuture<Void> insert = CompletableFuture.runAsync(() -> {
            try {
                fixture.sql("INSERT INTO " + fixture.database() + ".items SELECT seq, seq, CONCAT('title ', seq)"
                        + " FROM " + fixture.database() + ".seq_1_to_" + ROWS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        insert.get();
        String index = fixture.index("items");
        Poll.until(Duration.ofMinutes(3), "documents of the transaction before its end is acknowledged",
                () -> count(index) > ROWS / 5);
        assertEquals(before, state.load().orElseThrow().position(), "no position inside the transaction is saved");
        daemon.kill();

        daemon = DaemonProcess.startWith(jvm, log, "run", "--config", config.toString());
        BinlogPosition end = fixture.currentPosition();
        Poll.until(Duration.ofMinutes(5), "the replayed transaction to be acknowledged",
                () -> state.load().map(c -> c.position().compareTo(end) >= 0).orElse(false));
        assertEquals(0, daemon.terminate(20), daemon.logText());
        assertEquals(ROWS, count(index));
        System.out.printf("1,000,000-row transaction: peak heap before GC %d MB of -Xmx256m%n", peakHeapMegabytes(gcLog));
    }

    private long count(String index) {
        fixture.servers.elasticsearch().request("POST", "/" + index + "/_refresh", null);
        var result = fixture.servers.elasticsearch().request("GET", "/" + index + "/_count", null);
        Matcher matcher = Pattern.compile("\"count\":(\\d+)").matcher(result.body());
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private static long peakHeapMegabytes(Path gcLog) throws Exception {
        long peak = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher matcher = GC_BEFORE.matcher(line);
            if (matcher.find()) {
                peak = Math.max(peak, Long.parseLong(matcher.group(1)));
            }
        }
        assertTrue(peak > 0, "no GC lines in " + gcLog);
        return peak;
    }
}
