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
}
