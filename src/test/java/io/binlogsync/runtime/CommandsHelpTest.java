package io.binlogsync.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status and position commands' help and the refusals decided before any server is asked. */
class CommandsHelpTest {
    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine line = new picocli.CommandLine(new Main());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler((e, commandLine, parseResult) -> e instanceof CommandRefused
                ? ExitCode.CONFIG : ExitCode.FAILURE);
        int code = line.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void eachHasHelpWithTheConfigOptionAndExitCodes() {
        for (String[] command : new String[][] {{"status"}, {"position", "show"}, {"position", "set"},
                {"position", "set-gtid"}, {"position", "reset"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            Run help = run(args);
            assertEquals(0, help.exitCode(), String.join(" ", command));
            assertTrue(help.out().contains("--config=FILE") && help.out().contains("Exits 0"), help.out());
        }
        Run position = run("position", "--help");
        assertTrue(position.out().contains("set-gtid") && position.out().contains("reset"), position.out());
        Run top = run("--help");
        assertTrue(top.out().contains("status") && top.out().contains("position"), top.out());
    }

    @Test
    void aBadPositionOrGtidTextIsRefusedWithCode2BeforeTheConfigIsRead(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("none.conf");
        Run position = run("position", "set", "mysql-bin.000042", "--config", config.toString());
        assertEquals(ExitCode.CONFIG, position.exitCode());
        assertTrue(position.err().contains("binlog-sync position: 'mysql-bin.000042' is not a binlog position; write"
                + " FILE:OFFSET"), position.err());
        Run gtid = run("position", "set-gtid", "0-1", "--config", config.toString());
        assertEquals(ExitCode.CONFIG, gtid.exitCode());
        assertTrue(gtid.err().contains("domain-server-sequence"), gtid.err());
        assertTrue(Files.notExists(dir.resolve("state.json")));
    }
}
