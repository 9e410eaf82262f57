package io.binlogsync.testing.servers;

import io.binlogsync.testing.Directories;
import io.binlogsync.testing.ExternalCommand;
import io.binlogsync.testing.HarnessLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * The Elasticsearch distribution zip, unpacked once into {@code target/elasticsearch-VERSION}. It is
 * unpacked next to its destination and moved there in one step, with a marker inside, so a
 * half-unpacked copy is never used, even by two JVMs at once.
 */
final class ElasticsearchDistribution {

    private static final String MARKER = ".binlogsync-unpacked";
    private static final Duration UNZIP_TIMEOUT = Duration.ofMinutes(5);

    private ElasticsearchDistribution() {
    }

    /** Returns the Elasticsearch home directory, unpacking {@code zip} into {@code targetDir} if needed. */
    static synchronized Path unpack(Path zip, String version, Path targetDir) {
        Path home = targetDir.resolve("elasticsearch-" + version);
        if (Files.exists(home.resolve(MARKER))) {
            return home;
        }
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("Elasticsearch distribution not found at " + zip
                    + ": run `mvn dependency:resolve` (the pom declares it as a test dependency)");
        }
        long started = System.nanoTime();
        Path unzip = Binaries.require("unzip", "unzip");
        Path staging = createStaging(targetDir);
        try {
            // unzip, unlike java.util.zip, keeps the executable bits of bin/*.
            new ExternalCommand(List.of(unzip.toString(), "-q", zip.toString(), "-d", staging.toString()),
                    staging.resolve("unzip.log"), UNZIP_TIMEOUT).runSuccessfully();
            Path unpacked = staging.resolve("elasticsearch-" + version);
            if (!Files.isExecutable(unpacked.resolve("bin/elasticsearch"))) {
                throw new IllegalStateException(zip + " does not contain elasticsearch-" + version + "/bin/elasticsearch");
            }
            // Readable by everyone: the server may run as an unprivileged user.
            new ExternalCommand(List.of("chmod", "-R", "a+rX", unpacked.toString()),
                    staging.resolve("chmod.log"), UNZIP_TIMEOUT).runSuccessfully();
            Files.writeString(unpacked.resolve(MARKER), zip + "\n");
            moveIntoPlace(unpacked, home);
            HarnessLog.info("unpacked Elasticsearch " + version + " into " + home + " in " + HarnessLog.secondsSince(started));
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip + " into " + home, e);
        } finally {
            Directories.delete(staging);
        }
    }

    private static Path createStaging(Path targetDir) {
        try {
            Files.createDirectories(targetDir);
            return Files.createTempDirectory(targetDir, "elasticsearch-unpacking-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory in " + targetDir, e);
        }
    }

    private static void moveIntoPlace(Path unpacked, Path home) throws IOException {
        if (Files.exists(home) && !Files.exists(home.resolve(MARKER))) {
            Directories.delete(home); // left by an unpack that did not use this class
        }
        try {
            Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            if (!Files.exists(home.resolve(MARKER))) {
                throw e;
            }
            // Another JVM finished first; its copy is complete.
        }
    }
}
