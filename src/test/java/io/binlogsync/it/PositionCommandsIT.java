package io.binlogsync.it;

import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code status} and {@code position} against the shared MariaDB: what they print on a fresh and a saved state,
 * positions the server has and has not, a daemon resuming from a position set by hand, refusal while a daemon runs,
 * the backup kept, and reset.
 */
@ExtendWith(TestServersExtension.class)
class PositionCommandsIT {
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\" } ]";

    private SyncFixture fixture;
    private Path configFile;

    private record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void setUp(TestServers servers, TestInfo test) throws Exception {
        String method = test.getTestMethod().orElseThrow().getName().toLowerCase();
        fixture = new SyncFixture(servers, "pos_" + method.substring(0, Math.min(24, method.length())));
        fixture.createDatabase("CREATE TABLE {db}.items (id INT PRIMARY KEY, title VARCHAR(40))");
        configFile = fixture.writeConfig(MAPPINGS);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    /** Runs the command line as {@code bin/binlog-sync} does, capturing what it prints. */
    private Run main(String... args) throws Exception {
        Method execute = Class.forName("io.binlogsync.runtime.Main").getDeclaredMethod("execute", String[].class);
        execute.setAccessible(true);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int code = (Integer) execute.invoke(null, (Object) args);
            return new Run(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Run command(String... args) throws Exception {
        String[] withConfig = Stream.concat(Stream.of(args), Stream.of("--config", configFile.toString()))
                .toArray(String[]::new);
        return main(withConfig);
    }

    private SyncConfig config() {
        return ConfigLoader.load(configFile);
    }

    private String items() {
        return fixture.index("items");
    }

    private void insert(int id, String title) throws Exception {
        fixture.sql("INSERT INTO " + fixture.database() + ".items VALUES (" + id + ", '" + title + "')");
    }

    private List<Path> backups() throws Exception {
        try (Stream<Path> files = Files.list(fixture.directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith("state.json.bak-")).sorted().toList();
        }
    }

    @Test
    void statusOnAFreshAndOnASavedState() throws Exception {
        Run fresh = command("status");
        assertEquals(0, fresh.exitCode(), fresh.err());
        assertTrue(fresh.out().contains("saved position:  none"), fresh.out());
        assertTrue(fresh.out().contains("not running"), fresh.out());
        assertTrue(fresh.out().contains("server position: " + fixture.currentPosition().file()), fresh.out());

        Daemon daemon = fixture.start(config());
        insert(1, "one");
        fixture.awaitCaughtUp(daemon, SyncFixture.DEADLINE);
        Run running = command("status");
        assertEquals(0, running.exitCode(), running.err());
        assertTrue(running.out().contains("running (lock held by process " + ProcessHandle.current().pid()),
                running.out());
        assertTrue(running.out().contains("live figures:    metrics endpoint not configured"), running.out());
        daemon.close();

        BinlogPosition saved = new StateFile(fixture.stateFile).load().orElseThrow().position();
        insert(2, "two");
        BinlogPosition end = fixture.currentPosition();
        Run behind = command("status");
        System.out.println("status on a saved state:\n" + behind.out());
        assertEquals(0, behind.exitCode(), behind.err());
        assertTrue(behind.out().contains("saved position:  " + saved), behind.out());
        assertTrue(behind.out().contains("saved binlog:    " + saved.file() + " is still on the server"),
                behind.out());
        assertTrue(behind.out().contains("not running"), behind.out());
        if (end.file().equals(saved.file())) {
            assertTrue(behind.out().contains("lag:             " + (end.offset() - saved.offset()) + " bytes, 0 file(s)"),
                    behind.out());
        }
    }

    @Test
    void setChecksThePositionAndTheDaemonResumesFromIt() throws Exception {
        Daemon first = fixture.start(config());
        BinlogPosition beforeRows = fixture.currentPosition();
        insert(1, "one");
        insert(2, "two");
        fixture.awaitCaughtUp(first, SyncFixture.DEADLINE);
        fixture.awaitDocument(items(), "2", "title", "two");

        Run refused = command("position", "set", beforeRows.toString());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("a daemon is running on " + fixture.stateFile)
                && refused.err().contains("process " + ProcessHandle.current().pid())
                && refused.err().contains("state.json.lock"), refused.err());
        first.close();
        Checkpoint kept = new StateFile(fixture.stateFile).load().orElseThrow();

        Run noFile = command("position", "set", "nosuch-bin.000999:4");
        assertEquals(1, noFile.exitCode());
        assertTrue(noFile.err().contains("has no binlog file nosuch-bin.000999"), noFile.err());
        Run pastEnd = command("position", "set", beforeRows.file() + ":999999999999");
        assertEquals(1, pastEnd.exitCode());
        assertTrue(pastEnd.err().contains("outside " + beforeRows.file()), pastEnd.err());
        Run midEvent = command("position", "set", beforeRows.withOffset(beforeRows.offset() + 1).toString());
        assertEquals(1, midEvent.exitCode());
        assertTrue(midEvent.err().contains("no event begins at"), midEvent.err());
        Run badText = command("position", "set", "yesterday");
        assertEquals(2, badText.exitCode());
        assertTrue(badText.err().contains("FILE:OFFSET"), badText.err());
        assertEquals(Optional.of(kept), new StateFile(fixture.stateFile).load(), "refusals leave the state alone");
        assertEquals(List.of(), backups(), "and keep no backup");

        // rows written while it is stopped: set past them, they are skipped; set back before them, they arrive
        BinlogPosition beforeGap = fixture.currentPosition();
        insert(3, "three");
        BinlogPosition afterGap = fixture.currentPosition();
        Run skip = command("position", "set", afterGap.toString());
        assertEquals(0, skip.exitCode(), skip.err());
        assertTrue(skip.out().contains("saved " + afterGap) && skip.out().contains("replacing " + kept.position()),
                skip.out());
        List<Path> backups = backups();
        assertEquals(1, backups.size(), backups.toString());
        assertTrue(skip.out().contains("kept in " + backups.get(0)), skip.out());
        assertEquals(Optional.of(kept), new StateFile(backups.get(0)).load(), "the backup holds the replaced state");
        Run show = command("position", "show");
        assertEquals(0, show.exitCode(), show.err());
        assertTrue(show.out().contains(afterGap.toString()), show.out());

        Daemon skipping = fixture.start(config());
        insert(4, "four");
        fixture.awaitDocument(items(), "4", "title", "four");
        assertTrue(fixture.document(items(), "3").isEmpty(), "row 3 lies before the position set");
        skipping.close();

        Run back = command("position", "set", beforeGap.toString());
        assertEquals(0, back.exitCode(), back.err());
        assertEquals(2, backups().size(), "each replacement keeps its own backup");
        Daemon resumed = fixture.start(config());
        fixture.awaitDocument(items(), "3", "title", "three");
        SyncFixture.requireRunning(resumed);
    }

    @Test
    void setGtidTakesMariadbPositionsAndRefusesMysqlSetsOnMariadb() throws Exception {
        Daemon first = fixture.start(config());
        insert(1, "one");
        fixture.awaitCaughtUp(first, SyncFixture.DEADLINE);
        first.close();
        BinlogPosition beforeGap = fixture.currentPosition();

        Run mysqlSet = command("position", "set-gtid", "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77");
        assertEquals(1, mysqlSet.exitCode());
        assertTrue(mysqlSet.err().contains("is MariaDB") && mysqlSet.err().contains("@@gtid_binlog_pos"),
                mysqlSet.err());
        Run garbage = command("position", "set-gtid", "0-1");
        assertEquals(2, garbage.exitCode());

        insert(2, "two"); // while stopped
        BinlogPosition afterGap = fixture.currentPosition();
        String gtidAfter = gtidAt(afterGap);
        Run skip = command("position", "set-gtid", gtidAfter);
        assertEquals(0, skip.exitCode(), skip.err());
        assertEquals(Optional.of(gtidAfter), new StateFile(fixture.stateFile).load().orElseThrow().gtid());
        assertEquals(1, backups().size());
        Daemon skipping = fixture.start(config());
        insert(3, "three");
        fixture.awaitDocument(items(), "3", "title", "three");
        assertTrue(fixture.document(items(), "2").isEmpty(), "row 2 lies before the GTID set");
        skipping.close();

        Run back = command("position", "set-gtid", gtidAt(beforeGap));
        assertEquals(0, back.exitCode(), back.err());
        Daemon resumed = fixture.start(config());
        fixture.awaitDocument(items(), "2", "title", "two");
        SyncFixture.requireRunning(resumed);
    }

    private String gtidAt(BinlogPosition position) throws Exception {
        return (String) fixture.source.query("SELECT BINLOG_GTID_POS('" + position.file() + "', " + position.offset()
                + ") AS g").get(0).get("g");
    }

    @Test
    void resetRemovesThePositionWithABackupAndTheNextStartFollowsSourceStart() throws Exception {
        Daemon first = fixture.start(config());
        insert(1, "one");
        fixture.awaitCaughtUp(first, SyncFixture.DEADLINE);
        Run refused = command("position", "reset");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("a daemon is running"), refused.err());
        first.close();
        Checkpoint kept = new StateFile(fixture.stateFile).load().orElseThrow();

        Run reset = command("position", "reset");
        assertEquals(0, reset.exitCode(), reset.err());
        assertFalse(Files.exists(fixture.stateFile));
        assertEquals(Optional.of(kept), new StateFile(backups().get(0)).load());
        assertTrue(reset.out().contains("kept in " + backups().get(0)), reset.out());
        Run again = command("position", "reset");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("nothing to reset"), again.out());

        insert(2, "two"); // before the next start: source.start = current skips it
        BinlogPosition end = fixture.currentPosition();
        Daemon next = fixture.start(config());
        assertTrue(new StateFile(fixture.stateFile).load().orElseThrow().position().compareTo(end) >= 0,
                "a first start at the current position");
        insert(3, "three");
        fixture.awaitDocument(items(), "3", "title", "three");
        assertTrue(fixture.document(items(), "2").isEmpty(), "row 2 was written while no position was saved");
        SyncFixture.requireRunning(next);
    }
}
