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
 * A search server's distribution zip, unpacked once into {@code target/FLAVOUR-VERSION} (e.g.
 * {@code target/opensearch-3.3.0}). It is unpacked next to its destination and moved there in one step,
 * with a marker inside, so a half-unpacked copy is never used, even by two JVMs at once.
 */
final class DistributionUnpacker {

    private static final String MARKER = ".binlogsync-unpacked";
    private static final Duration UNZIP_TIMEOUT = Duration.ofMinutes(5);

    private DistributionUnpacker() {
    }

    /** Returns the server's home directory, unpacking its zip into {@code targetDir} if needed. */
    static synchronized Path unpack(SearchDistribution distribution, Path targetDir) {
        Path zip = distribution.zip();
        String name = distribution.id() + "-" + distribution.version();
        Path home = targetDir.resolve(name);
        if (Files.exists(home.resolve(MARKER))) {
            return home;
        }
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(distribution + " not found at " + zip + ": run the tests through Maven"
                    + " (`mvn verify` resolves " + distribution.mavenCoordinates() + " and copies it there)");
        }
        long started = System.nanoTime();
        Path unzip = Binaries.require("unzip", "unzip");
        Path staging = createStaging(targetDir);
        try {
            // unzip, unlike java.util.zip, keeps the executable bits of bin/*.
            new ExternalCommand(List.of(unzip.toString(), "-q", zip.toString(), "-d", staging.toString()),
                    staging.resolve("unzip.log"), UNZIP_TIMEOUT).runSuccessfully();
            Path unpacked = staging.resolve(name);
            String program = "bin/" + distribution.id();
            if (!Files.isExecutable(unpacked.resolve(program))) {
                throw new IllegalStateException(zip + " does not contain " + name + "/" + program);
            }
            // Readable by everyone: the server may run as an unprivileged user.
            new ExternalCommand(List.of("chmod", "-R", "a+rX", unpacked.toString()),
                    staging.resolve("chmod.log"), UNZIP_TIMEOUT).runSuccessfully();
            Files.writeString(unpacked.resolve(MARKER), zip + "\n");
            moveIntoPlace(unpacked, home);
            HarnessLog.info("unpacked " + distribution + " into " + home + " in " + HarnessLog.secondsSince(started));
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
            return Files.createTempDirectory(targetDir, "search-unpacking-");
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
