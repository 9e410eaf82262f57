package io.binlogsync.config;

import static io.binlogsync.config.ConfigTestSupport.assertProblem;
import static io.binlogsync.config.ConfigTestSupport.parse;
import static io.binlogsync.config.ConfigTestSupport.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** source.password-file: the source's password from a file (systemd's LoadCredential=), instead of password. */
class SourcePasswordFileTest {

    private static final String SECRET = "s0urce-Pa55";
    private static final String REST = """
            state.file = "/tmp/binlog-sync-state.json"
            mappings = [{ table = "shop.products", index = "products" }]
            """;

    @TempDir
    Path dir;

    @Test
    void readsThePasswordFromAFileWithoutItsTrailingLineBreak() throws Exception {
        Path file = Files.writeString(dir.resolve("source"), SECRET + "\n");

        SourceConfig source = parse(source("password-file = \"" + file + "\"")).source();

        assertEquals(SECRET, source.password());
        assertFalse(source.toString().contains(SECRET), source.toString());
    }

    @Test
    void bothThePasswordAndAFileAreRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("source"), SECRET);

        List<ConfigProblem> problems = problems(source("password = pw, password-file = \"" + file + "\""));

        assertProblem(problems, "source.password-file", "password and password-file are both set");
        assertEquals(1, problems.size(), problems.toString());
        assertFalse(problems.toString().contains(SECRET));
    }

    @Test
    void aMissingFileIsNamedAndNeitherIsStillAProblemAtPassword() {
        Path missing = dir.resolve("nothing-here");
        assertProblem(problems(source("password-file = \"" + missing + "\"")), "source.password-file",
                missing.toString(), "does not exist", "LoadCredential=");
        assertProblem(problems(source("")), "source.password", "BINLOG_SYNC_SOURCE_PASSWORD", "password-file");
    }

    private static String source(String password) {
        return "source { user = \"sync\", server-id = 4201" + (password.isEmpty() ? "" : ", " + password) + " }\n"
                + REST;
    }
}
