package io.binlogsync.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run capture(IntSupplier command) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int code = command.getAsInt();
            return new Run(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[] {"run", "check", "verify", "resync"}) {
            Run run = capture(() -> Main.execute(command, "--help"));
            assertEquals(0, run.exitCode());
            assertTrue(run.out().contains("--config=FILE"), run.out());
        }
        Run top = capture(() -> Main.execute("--help"));
        assertTrue(top.out().contains("run") && top.out().contains("check"), top.out());
    }

    @Test
    void aBadConfigExitsWithCode2AndListsItsProblems(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.conf");
        Files.writeString(config, "source { user = \"sync\", pasword = \"x\", server-id = 1 }\nstate.file = \"s.json\"\n"
                + "mappings = [ { table = \"shop\", index = \"Products\" } ]\n");
        Run run = capture(() -> Main.execute("run", "--config", config.toString()));
        assertEquals(2, run.exitCode());
        for (String expected : new String[] {"source.pasword", "did you mean", "mappings[0].table", "mappings[0].index"}) {
            assertTrue(run.err().contains(expected), "'" + expected + "' missing in:\n" + run.err());
        }
    }

    @Test
    void aMissingConfigOptionIsAUsageError() {
        Run run = capture(() -> Main.execute("run"));
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--config"), run.err());
    }

    private static Path validConfig(Path dir) throws Exception {
        Path config = dir.resolve("good.conf");
        Files.writeString(config, "source { user = \"sync\", password = \"pw\", server-id = 4201 }\n"
                + "state.file = \"" + dir.resolve("state.json").toString().replace("\\", "/") + "\"\n"
                + "mappings = [ { table = \"shop.products\", index = \"products\" } ]\n");
        // as an operator keeps a file holding a password: otherwise a WARN about its permissions comes first
        Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return config;
    }

    @Test
    void checkSaysTheConfigFailedBesideItsProblems(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.conf");
        Files.writeString(config, "source { user = \"sync\", pasword = \"x\", server-id = 1 }\n");
        Run run = capture(() -> Main.execute("check", "--config", config.toString()));
        assertEquals(2, run.exitCode());
        assertTrue(run.out().contains("FAIL config: " + config + " is invalid (problems above)"), run.out());
        assertTrue(run.err().contains("binlog-sync: the config " + config + " has "), run.err());
    }

    @Test
    void aTableArgumentThatIsNoTableIsRefusedAsThatCommand(@TempDir Path dir) throws Exception {
        Path config = validConfig(dir);
        Run verify = capture(() -> Main.execute("verify", "--config", config.toString(), "--table", "products"));
        assertEquals(2, verify.exitCode());
        assertEquals("binlog-sync verify: 'products' is not of the form database.table (for example shop.products)",
                verify.err().strip());
        Run resync = capture(() -> Main.execute("resync", "--config", config.toString(), "products"));
        assertEquals(2, resync.exitCode());
        assertEquals("binlog-sync resync: 'products' is not of the form database.table (for example shop.products)",
                resync.err().strip());
    }

    @Test
    void badVerifyOptionsAndUnmappedOrContradictoryResyncsAreRefused(@TempDir Path dir) throws Exception {
        Path config = validConfig(dir);
        Run chunks = capture(() -> Main.execute("verify", "--config", config.toString(), "--chunk-size", "0"));
        assertEquals(2, chunks.exitCode());
        assertEquals("binlog-sync verify: --chunk-size must be between 1 and 100000, not 0", chunks.err().strip());
        Run unmapped = capture(() -> Main.execute("resync", "--config", config.toString(), "shop.orders"));
        assertEquals(2, unmapped.exitCode());
        assertEquals("binlog-sync resync: no mapping in " + config + " reads shop.orders", unmapped.err().strip());
        Run keep = capture(() -> Main.execute("resync", "--config", config.toString(), "shop.products",
                "--keep-old-index"));
        assertEquals(2, keep.exitCode());
        assertEquals("binlog-sync resync: --mapping-from-template and --keep-old-index go with --new-index",
                keep.err().strip());
    }
}
