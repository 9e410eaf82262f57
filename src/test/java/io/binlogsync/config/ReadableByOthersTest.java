package io.binlogsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadableByOthersTest {
    @TempDir
    Path dir;

    @Test
    void aFileEveryUserMayReadIsNamedWithTheChmodThatFixesIt() throws Exception {
        Path file = Files.writeString(dir.resolve("source"), "hunter2");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        String warning = ReadableByOthers.warning(file, "secret file").orElseThrow();

        assertTrue(warning.startsWith("secret file " + file.toAbsolutePath() + " is readable by every user"), warning);
        assertTrue(warning.endsWith("chmod o-rwx " + file.toAbsolutePath()), warning);
        assertTrue(!warning.contains("hunter2"), "the content is never shown: " + warning);
    }

    @Test
    void ownerAndGroupOnlyIsFine() throws Exception {
        Path file = Files.writeString(dir.resolve("binlog-sync.conf"), "source {}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertEquals(Optional.empty(), ReadableByOthers.warning(file, "configuration file"));
    }
}
