package io.binlogsync.testing.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledJdkTest {

    @Test
    void readsTheFeatureReleaseOfEachVersionScheme() {
        assertEquals(OptionalInt.of(25), InstalledJdk.featureOf("IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.3\"\n"));
        assertEquals(OptionalInt.of(17), InstalledJdk.featureOf("JAVA_RUNTIME_VERSION=\"17.0.15+6\"\nJAVA_VERSION=\"17.0.15\"\n"));
        assertEquals(OptionalInt.of(21), InstalledJdk.featureOf("JAVA_VERSION=\"21\"\n"));
        assertEquals(OptionalInt.of(8), InstalledJdk.featureOf("JAVA_VERSION=\"1.8.0_292\"\n"));
    }

    @Test
    void aReleaseFileWithoutJavaVersionNamesNoRelease() {
        assertEquals(OptionalInt.empty(), InstalledJdk.featureOf("JAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"\nLIBC=\"gnu\"\n"));
        assertEquals(OptionalInt.empty(), InstalledJdk.featureOf(""));
    }

    @Test
    void picksTheNewestDirectoryThatIsAJdk(@TempDir Path jvms) throws IOException {
        jdk(jvms.resolve("java-17-openjdk-amd64"), "17.0.15");
        jdk(jvms.resolve("temurin-25-jdk-amd64"), "25.0.3");
        Files.createDirectories(jvms.resolve("openjdk-17")); // no release file: skipped
        Path noJava = Files.createDirectories(jvms.resolve("broken-30"));
        Files.writeString(noJava.resolve("release"), "JAVA_VERSION=\"30\"\n"); // no bin/java: skipped

        InstalledJdk newest = InstalledJdk.newestIn(jvms).orElseThrow();

        assertEquals(jvms.resolve("temurin-25-jdk-amd64"), newest.home());
        assertEquals(25, newest.feature());
    }

    @Test
    void anEmptyOrMissingDirectoryHasNoJdk(@TempDir Path jvms) {
        assertTrue(InstalledJdk.newestIn(jvms).isEmpty());
        assertTrue(InstalledJdk.newestIn(jvms.resolve("absent")).isEmpty());
    }

    private static void jdk(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Files.createFile(home.resolve("bin/java"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
}
