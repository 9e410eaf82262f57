package io.binlogsync.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JDK installed on this machine, found by the {@code release} file every JDK has at its top. Used only
 * for the servers that need a newer Java than the tests (Elasticsearch 9, OpenSearch 3 need 21).
 */
record InstalledJdk(Path home, int feature) {

    /** Where Debian and the Temurin packages install JDKs. */
    static final Path SYSTEM_JVMS = Path.of("/usr/lib/jvm");

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?([0-9][0-9._]*)");

    /** The JVM running this code, when it is new enough; else the newest JDK under /usr/lib/jvm of at least {@code feature}. */
    static InstalledJdk atLeast(int feature) {
        InstalledJdk running = new InstalledJdk(Path.of(System.getProperty("java.home")), Runtime.version().feature());
        if (running.feature() >= feature) {
            return running;
        }
        return newestIn(SYSTEM_JVMS).filter(jdk -> jdk.feature() >= feature).orElseThrow(() -> new IllegalStateException(
                "no JDK " + feature + " or newer under " + SYSTEM_JVMS + " (none has a release file with JAVA_VERSION >= "
                        + feature + " and a bin/java): install one there (a Temurin or OpenJDK package of release "
                        + feature + " or newer)"));
    }

    /** The JDK of the highest feature release among the directories of {@code parent} (links followed once). */
    static Optional<InstalledJdk> newestIn(Path parent) {
        if (!Files.isDirectory(parent)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.sorted()
                    .flatMap(home -> read(home).stream())
                    .max(Comparator.comparingInt(InstalledJdk::feature));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent, e);
        }
    }

    /** The feature release in a {@code release} file's JAVA_VERSION ("25.0.3" gives 25, "1.8.0_292" gives 8). */
    static OptionalInt featureOf(String releaseFile) {
        Matcher matcher = JAVA_VERSION.matcher(releaseFile);
        if (!matcher.find()) {
            return OptionalInt.empty();
        }
        String[] parts = matcher.group(1).split("[._]");
        int first = Integer.parseInt(parts[0]);
        return first == 1 && parts.length > 1 ? OptionalInt.of(Integer.parseInt(parts[1])) : OptionalInt.of(first);
    }

    private static Optional<InstalledJdk> read(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
            return Optional.empty();
        }
        try {
            OptionalInt feature = featureOf(Files.readString(release));
            return feature.isPresent() ? Optional.of(new InstalledJdk(home, feature.getAsInt())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable: not a JDK we can use
        }
    }
}
