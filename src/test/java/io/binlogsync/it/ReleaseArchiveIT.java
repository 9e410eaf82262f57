package io.binlogsync.it;

import io.binlogsync.testing.Directories;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The release archive as an operator gets it: {@code target/binlog-sync-<version>.tar.gz} unpacked, its launcher
 * run, its systemd units checked by {@code systemd-analyze}, the daemon run the way the units run it (config and
 * secrets in a credentials directory), and, where PID 1 is systemd, the real unit started and stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReleaseArchiveIT {
    /** Highest `systemd-analyze security` exposure accepted; the units score 1.2 ("OK") on systemd 252. */
    private static final double EXPOSURE_BOUND = 2.0;
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(60);
    private static final String INSTALL_DIRECTORY = "/opt/binlog-sync";

    private final String version = System.getProperty("binlogsync.version");
    private Path unpacked;
    private Path home;

    @BeforeAll
    void unpack() throws Exception {
        assertTrue(version != null && !version.isBlank(), "system property binlogsync.version (set by failsafe)");
        Path archive = Paths.get("target", "binlog-sync-" + version + ".tar.gz").toAbsolutePath();
        assertTrue(Files.isRegularFile(archive), archive + " is missing: integration tests run after `mvn package`");
        unpacked = Files.createTempDirectory("binlog-sync-release-");
        Result untar = run(List.of("tar", "-xzf", archive.toString(), "-C", unpacked.toString()), Map.of());
        assertEquals(0, untar.exitCode(), "tar -xzf " + archive + ": " + untar.output());
        home = unpacked.resolve("binlog-sync-" + version);
    }

    @AfterAll
    void removeUnpacked() throws IOException {
        if (unpacked != null) {
            Directories.delete(unpacked);
        }
    }

    @Test
    void archiveHoldsOneTopDirectoryWithBinLibConfSystemdAndDocs() throws IOException {
        try (Stream<Path> top = Files.list(unpacked)) {
            assertEquals(List.of("binlog-sync-" + version), top.map(p -> p.getFileName().toString()).toList());
        }
        for (String file : List.of("bin/binlog-sync", "lib/binlog-sync.jar", "conf/binlog-sync.conf",
                "conf/logback.xml", "systemd/binlog-sync.service", "systemd/binlog-sync@.service", "README.md",
                "docs/install.md", "docs/security.md")) {
            assertTrue(Files.isRegularFile(home.resolve(file)), file + " in the archive; it holds: " + listing());
        }
        Set<PosixFilePermission> launcher = Files.getPosixFilePermissions(home.resolve("bin/binlog-sync"));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(launcher), "bin/binlog-sync's mode after tar -x");
        for (String file : List.of("lib/binlog-sync.jar", "conf/binlog-sync.conf", "systemd/binlog-sync@.service")) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(file))),
                    file + "'s mode after tar -x");
        }
        for (String file : List.of("bin/binlog-sync", "conf/binlog-sync.conf", "systemd/binlog-sync.service",
                "systemd/binlog-sync@.service")) {
            assertEquals(Files.readString(Paths.get(file)), Files.readString(home.resolve(file)),
                    file + " in the archive is the checkout's");
        }
    }

    @Test
    void unpackedLauncherPrintsTheBuildsVersionAndHelp() {
        Result version = launcher("--version");
        assertEquals(0, version.exitCode(), version.output());
        assertEquals("binlog-sync " + this.version, version.output());

        Result help = launcher("--help");
        assertEquals(0, help.exitCode(), help.output());
        for (String expected : List.of("Usage: binlog-sync", "run", "check", "verify", "resync", "--version")) {
            assertTrue(help.output().contains(expected), "'" + expected + "' in --help:\n" + help.output());
        }
    }

    @Test
    void launcherWithoutJavaExitsTwoNamingWhatIsMissing() {
        Result result = run(List.of(home.resolve("bin/binlog-sync").toString(), "--version"),
                Map.of("JAVA_HOME", unpacked.resolve("no-such-jdk").toString()));
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("no-such-jdk has no bin/java"), result.output());
    }

    /**
     * What the units rely on for "no restart loop": a config error, including a secret whose file was missing (the
     * unit's SetCredential= fallback hands over a lone line break), ends `run` with 2, the status the units name
     * in RestartPreventExitStatus=, before anything is connected.
     */
    @Test
    void configErrorsEndRunWithTheStatusTheUnitsDoNotRestart() throws IOException {
        for (String unit : List.of("binlog-sync.service", "binlog-sync@.service")) {
            Map<String, List<String>> service = serviceSection(Paths.get("systemd", unit));
            assertEquals(List.of("on-failure"), service.get("Restart"), unit);
            assertTrue(List.of(service.get("RestartPreventExitStatus").get(0).split(" ")).contains("2"),
                    unit + ": RestartPreventExitStatus=" + service.get("RestartPreventExitStatus"));
            assertFalse(service.containsKey("ExecStartPre"), unit + ": an ExecStartPre= failing would be restarted");
            assertTrue(service.get("SetCredential").containsAll(List.of("source:\\n", "elasticsearch:\\n", "redis:\\n")),
                    unit + ": missing secrets fall back to an empty credential: " + service.get("SetCredential"));
        }

        Path credentials = Files.createTempDirectory(unpacked, "credentials-");
        String reference = Files.readString(home.resolve("conf/binlog-sync.conf"));
        Files.writeString(credentials.resolve("config"), reference
                + "\nsource.password = null\nsource.password-file = ${CREDENTIALS_DIRECTORY}/source\n");
        Files.writeString(credentials.resolve("source"), "\n");
        Result empty = run(List.of(home.resolve("bin/binlog-sync").toString(), "run", "--config",
                credentials.resolve("config").toString()), Map.of("CREDENTIALS_DIRECTORY", credentials.toString(),
                "JAVA_HOME", System.getProperty("java.home")));
        assertEquals(2, empty.exitCode(), empty.output());
        assertTrue(empty.output().contains("source.password-file") && empty.output().contains("is empty"),
                empty.output());

        Files.writeString(credentials.resolve("config"), "source {\n  host = \n");
        Result broken = launcher("run", "--config", credentials.resolve("config").toString());
        assertEquals(2, broken.exitCode(), broken.output());
        assertTrue(broken.output().contains("not valid HOCON"), broken.output());
    }

    /**
     * `systemd-analyze verify` checks that ExecStart='s program exists and is executable, so it runs on a copy of
     * each unit whose /opt/binlog-sync is replaced by the unpacked archive: the program checked is the archive's
     * own launcher. Any output (a warning, an unknown key) fails the test.
     */
    @Test
    void systemdAnalyzeVerifyAcceptsBothUnits() throws IOException {
        String analyze = systemdAnalyze();
        Path units = Files.createTempDirectory(unpacked, "units-");
        for (String unit : List.of("binlog-sync.service", "binlog-sync@.service")) {
            String text = Files.readString(home.resolve("systemd").resolve(unit));
            assertTrue(text.contains("ExecStart=" + INSTALL_DIRECTORY + "/bin/binlog-sync run "), unit);
            Path copy = units.resolve(unit);
            Files.writeString(copy, text.replace(INSTALL_DIRECTORY + "/", home + "/"));
            Result verify = run(List.of(analyze, "verify", copy.toString()), Map.of());
            assertEquals(0, verify.exitCode(), "systemd-analyze verify " + unit + ":\n" + verify.output());
            assertEquals("", verify.output(), "systemd-analyze verify " + unit + " printed warnings");
        }
        // and it does check the program: without the archive's launcher it refuses the unit
        Path missing = units.resolve("binlog-sync-missing.service");
        Files.writeString(missing, Files.readString(home.resolve("systemd/binlog-sync.service"))
                .replace(INSTALL_DIRECTORY + "/", units.resolve("nowhere") + "/"));
        Result refused = run(List.of(analyze, "verify", missing.toString()), Map.of());
        assertTrue(refused.exitCode() != 0 && refused.output().contains("is not executable"), refused.output());
    }

    @Test
    void systemdAnalyzeSecurityScoresBothUnitsOk() {
        String analyze = systemdAnalyze();
        Pattern overall = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+) (\\S+)");
        for (String unit : List.of("binlog-sync.service", "binlog-sync@.service")) {
            Result security = run(List.of(analyze, "security", "--offline=true",
                    home.resolve("systemd").resolve(unit).toString()), Map.of());
            assertEquals(0, security.exitCode(), security.output());
            Matcher matcher = overall.matcher(security.output());
            assertTrue(matcher.find(), "no overall exposure level in:\n" + security.output());
            double exposure = Double.parseDouble(matcher.group(1));
            System.out.printf("systemd-analyze security --offline=true %s: %s %s%n", unit, matcher.group(1),
                    matcher.group(2));
            assertTrue(exposure <= EXPOSURE_BOUND, unit + " scores " + exposure + " " + matcher.group(2)
                    + ", above " + EXPOSURE_BOUND + ":\n" + security.output());
        }
    }

    /** The single-source unit is the template with the instance's paths filled in: nothing else may drift. */
    @Test
    void bothUnitsHaveTheSameSettingsApartFromTheInstancePaths() throws IOException {
        Map<String, List<String>> template = settings(Paths.get("systemd", "binlog-sync@.service"));
        Map<String, List<String>> single = settings(Paths.get("systemd", "binlog-sync.service"));
        Map<String, List<String>> expected = template.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().stream().map(value -> value
                        .replace("binlog-sync %i:", "binlog-sync:")
                        .replace("/etc/binlog-sync/%i.conf", "/etc/binlog-sync/binlog-sync.conf")
                        .replace("/etc/binlog-sync/credentials/%i/", "/etc/binlog-sync/credentials/")
                        .replace("binlog-sync/%i", "binlog-sync")).toList()));
        assertEquals(expected, single);
    }

    @Nested
    @ExtendWith(TestServersExtension.class)
    class AgainstRealServers {

        /**
         * The daemon as the units start it, without systemd: the archive's launcher, the config and the source's
         * password in a credentials directory ($CREDENTIALS_DIRECTORY), real servers; SIGTERM ends it with 0.
         */
        @Test
        void runsFromTheArchiveWithConfigAndSecretAsCredentials(TestServers servers) throws Exception {
            try (SyncFixture fixture = new SyncFixture(servers, "release_" + Long.toString(System.nanoTime(), 36))) {
                fixture.createDatabase("CREATE TABLE {db}.items (id INT PRIMARY KEY, title VARCHAR(64))");
                Path credentials = Files.createTempDirectory(unpacked, "credentials-");
                Files.writeString(credentials.resolve("config"), withPasswordFromCredential(fixture));
                Files.writeString(credentials.resolve("source"), fixture.source.syncPassword() + "\n");
                for (Path file : List.of(credentials.resolve("config"), credentials.resolve("source"))) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
                }
                Path log = fixture.directory.resolve("daemon.log");
                ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/binlog-sync").toString(), "run",
                        "--config", credentials.resolve("config").toString())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(new File("/dev/null"));
                builder.environment().put("CREDENTIALS_DIRECTORY", credentials.toString());
                builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
                Process daemon = builder.start();
                try {
                    Poll.until(Duration.ofSeconds(60), "the state file " + fixture.stateFile,
                            () -> Files.exists(fixture.stateFile) || !daemon.isAlive());
                    assertTrue(daemon.isAlive(), "the daemon ended: " + Files.readString(log));
                    fixture.sql("INSERT INTO " + fixture.database() + ".items VALUES (1, 'from the archive')");
                    fixture.awaitDocument(fixture.index("items"), "1", "title", "from the archive");
                    daemon.destroy();
                    assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "SIGTERM ends it: " + Files.readString(log));
                    assertEquals(0, daemon.exitValue(), Files.readString(log));
                    String output = Files.readString(log);
                    assertFalse(output.contains(fixture.source.syncPassword()), "the password in the output");
                    assertFalse(output.contains("readable by"), "credentials are private: " + output);
                } finally {
                    daemon.destroyForcibly();
                }
            }
        }

        /**
         * The real unit, where PID 1 is systemd (skipped elsewhere): a copy of binlog-sync@.service pointing at the
         * unpacked archive and a test config, started, syncing, stopped with SIGTERM (exit 0); then a broken config
         * leaves it failed with status 2 and no restart.
         */
        @Test
        void theRealUnitStartsStopsCleanlyAndDoesNotLoopOnAConfigError(TestServers servers) throws Exception {
            String init = Files.exists(Paths.get("/proc/1/comm")) ? Files.readString(Paths.get("/proc/1/comm")).strip()
                    : "unknown";
            assumeTrue(init.equals("systemd"), "PID 1 is " + init + ", not systemd: the unit cannot be started here"
                    + " (src/test/sh/with-systemd-pid1.sh runs a command under a systemd PID 1 in new namespaces)");
            assumeTrue(Files.isDirectory(Paths.get("/run/systemd/system")), "systemd is not the running init");
            assumeTrue("root".equals(System.getProperty("user.name")), "starting a system unit needs root");
            new RealUnitRun(servers, home).run();
        }
    }

    private static String withPasswordFromCredential(SyncFixture fixture) {
        String hocon = fixture.hocon("[ { table = \"{db}.items\", index = \"{index}items\" } ]");
        String inline = "password = \"" + fixture.source.syncPassword() + "\"";
        assertTrue(hocon.contains(inline), hocon);
        return hocon.replace(inline, "password-file = ${CREDENTIALS_DIRECTORY}/source");
    }

    /** systemd-analyze; its absence fails (scripts/install-deps.sh installs Debian's systemd package for it). */
    private static String systemdAnalyze() {
        for (String directory : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/bin").split(":")) {
            Path candidate = Paths.get(directory.isEmpty() ? "." : directory, "systemd-analyze");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("systemd-analyze is not installed, so the units cannot be checked: run scripts/install-deps.sh"
                + " as root (it installs Debian's systemd package), or apt-get install systemd");
    }

    /** The [Service] settings of a unit file, each key's values in order. */
    static Map<String, List<String>> serviceSection(Path unit) throws IOException {
        return section(unit, "[Service]");
    }

    private static Map<String, List<String>> settings(Path unit) throws IOException {
        Map<String, List<String>> all = new java.util.TreeMap<>();
        for (String name : List.of("[Unit]", "[Service]", "[Install]")) {
            section(unit, name).forEach((key, values) -> all.put(name + key, values));
        }
        return all;
    }

    private static Map<String, List<String>> section(Path unit, String name) throws IOException {
        Map<String, List<String>> settings = new java.util.TreeMap<>();
        String current = "";
        for (String line : Files.readAllLines(unit)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("[")) {
                current = trimmed;
            } else if (current.equals(name) && !trimmed.isEmpty() && !trimmed.startsWith("#")) {
                int equals = trimmed.indexOf('=');
                settings.computeIfAbsent(trimmed.substring(0, equals), key -> new ArrayList<>())
                        .add(trimmed.substring(equals + 1));
            }
        }
        return settings;
    }

    private Result launcher(String... args) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/binlog-sync").toString()));
        command.addAll(Arrays.asList(args));
        return run(command, Map.of("JAVA_HOME", System.getProperty("java.home")));
    }

    record Result(int exitCode, String output) {
    }

    static Result run(List<String> command, Map<String, String> environment) {
        try {
            Path output = Files.createTempFile("binlog-sync-command-", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).redirectInput(new File("/dev/null"));
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(COMMAND_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not end within " + COMMAND_DEADLINE
                            + ":\n" + Files.readString(output));
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8).strip());
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }

    private String listing() {
        try (Stream<Path> files = Files.walk(unpacked)) {
            return files.map(p -> unpacked.relativize(p).toString()).sorted().collect(Collectors.joining(", "));
        } catch (IOException e) {
            return "(cannot list " + unpacked + ": " + e.getMessage() + ")";
        }
    }
}
