package io.binlogsync.it;

import io.binlogsync.testing.Directories;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.TestServers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * binlog-sync@.service started by the machine's systemd (ReleaseArchiveIT runs it only where PID 1 is systemd).
 * The unit is a copy named binlog-sync-it@.service in /run/systemd/system with two changes: /opt/binlog-sync is
 * the unpacked archive and /etc/binlog-sync a test directory, both copied under /run (the unit's PrivateTmp= and
 * ProtectHome= hide /tmp and /root from the service). Everything else, sandbox included, is the shipped unit.
 */
final class RealUnitRun {
    private static final Path UNITS = Paths.get("/run/systemd/system");
    private static final String TEMPLATE = "binlog-sync-it@.service";

    private final TestServers servers;
    private final Path home;

    RealUnitRun(TestServers servers, Path home) {
        this.servers = servers;
        this.home = home;
    }

    void run() throws Exception {
        try (SyncFixture fixture = new SyncFixture(servers, "unit_" + Long.toString(System.nanoTime(), 36))) {
            String instance = fixture.name;
            String unit = "binlog-sync-it@" + instance + ".service";
            Path base = Paths.get("/run", "binlog-sync-it-" + instance);
            Path state = Paths.get("/var/lib/binlog-sync", instance, "state.json");
            try {
                install(fixture, base, state);
                fixture.createDatabase("CREATE TABLE {db}.items (id INT PRIMARY KEY, title VARCHAR(64))");
                systemctl("start", unit);
                Poll.until(Duration.ofSeconds(60), unit + " to save its first position in " + state,
                        () -> Files.exists(state) || "failed".equals(property(unit, "ActiveState")));
                assertEquals("active", property(unit, "ActiveState"), journal(unit));
                fixture.sql("INSERT INTO " + fixture.database() + ".items VALUES (1, 'from systemd')");
                fixture.awaitDocument(fixture.index("items"), "1", "title", "from systemd");
                systemctl("stop", unit);
                assertEquals("0", property(unit, "ExecMainStatus"), "exit status after SIGTERM\n" + journal(unit));
                assertEquals("success", property(unit, "Result"), journal(unit));

                Files.writeString(base.resolve("etc").resolve(instance + ".conf"), "source {\n  host = \n");
                ReleaseArchiveIT.run(List.of("systemctl", "start", unit), Map.of());
                Poll.until(Duration.ofSeconds(60), unit + " to fail on its broken config and stay failed",
                        () -> "failed".equals(property(unit, "ActiveState")));
                assertEquals("2", property(unit, "ExecMainStatus"), journal(unit));
                assertEquals("0", property(unit, "NRestarts"), "a config error is not restarted\n" + journal(unit));
            } finally {
                ReleaseArchiveIT.run(List.of("systemctl", "stop", unit), Map.of());
                ReleaseArchiveIT.run(List.of("systemctl", "reset-failed", unit), Map.of());
                Files.deleteIfExists(UNITS.resolve(TEMPLATE));
                ReleaseArchiveIT.run(List.of("systemctl", "daemon-reload"), Map.of());
                if (Files.isDirectory(base)) {
                    Directories.delete(base);
                }
                // DynamicUser= keeps the state in /var/lib/private/binlog-sync/NAME, linked from /var/lib/binlog-sync/NAME
                for (Path dir : List.of(state.getParent(), Paths.get("/var/lib/private/binlog-sync", instance))) {
                    if (Files.isSymbolicLink(dir)) {
                        Files.delete(dir);
                    } else if (Files.isDirectory(dir)) {
                        Directories.delete(dir);
                    }
                }
            }
        }
    }

    private void install(SyncFixture fixture, Path base, Path state) throws IOException {
        Path copy = base.resolve("home");
        Files.createDirectories(base);
        ReleaseArchiveIT.Result cp = ReleaseArchiveIT.run(List.of("cp", "-a", home.toString(), copy.toString()),
                Map.of());
        assertEquals(0, cp.exitCode(), cp.output());
        Path etc = Files.createDirectories(base.resolve("etc"));
        Path credentials = Files.createDirectories(etc.resolve("credentials").resolve(fixture.name));
        String hocon = fixture.hocon("[ { table = \"{db}.items\", index = \"{index}items\" } ]");
        String inline = "password = \"" + fixture.source.syncPassword() + "\"";
        hocon = hocon.replace(inline, "password-file = ${CREDENTIALS_DIRECTORY}/source")
                .replace("state.file = \"" + fixture.stateFile + "\"", "state.file = \"" + state + "\"");
        Files.writeString(etc.resolve(fixture.name + ".conf"), hocon);
        Files.writeString(credentials.resolve("source"), fixture.source.syncPassword() + "\n");
        for (Path secret : List.of(etc.resolve(fixture.name + ".conf"), credentials.resolve("source"))) {
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        }
        String unit = Files.readString(home.resolve("systemd/binlog-sync@.service"))
                .replace("/opt/binlog-sync/", copy + "/")
                .replace("/etc/binlog-sync/", etc + "/");
        String javaHome = System.getProperty("java.home");
        if (javaHome.startsWith("/usr/")) {
            unit = unit.replace("\n[Service]\n", "\n[Service]\nEnvironment=JAVA_HOME=" + javaHome + "\n");
        }
        Files.writeString(UNITS.resolve(TEMPLATE), unit);
        systemctl("daemon-reload");
    }

    private static void systemctl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("systemctl"));
        command.addAll(List.of(args));
        ReleaseArchiveIT.Result result = ReleaseArchiveIT.run(command, Map.of());
        assertEquals(0, result.exitCode(), String.join(" ", command) + ": " + result.output());
    }

    private static String property(String unit, String name) {
        return ReleaseArchiveIT.run(List.of("systemctl", "show", "-p", name, "--value", unit), Map.of()).output();
    }

    private static String journal(String unit) {
        return ReleaseArchiveIT.run(List.of("journalctl", "-u", unit, "-n", "40", "--no-pager"), Map.of()).output();
    }
}
