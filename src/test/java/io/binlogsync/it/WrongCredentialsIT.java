package io.binlogsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.binlogsync.testing.HarnessLog;
import io.binlogsync.testing.Poll;
import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: no secret in any output. For each secret binlog-sync takes, set to a distinctive random wrong value, the
 * packaged daemon's {@code check}, {@code run} (which must fail on its own, not retry for ever) and {@code --help}
 * print neither the value nor a piece of it nor its base64 forms (Basic auth's {@code user:password}, an API key's
 * {@code id:key}), on standard output, standard error or in a log file with binlog-sync's DEBUG lines; and the
 * failure names the refusing link and what to fix. The Elasticsearch rows use the secured cluster
 * SecuredElasticsearchIT shares, the others the run's shared servers.
 */
@ExtendWith({TestServersExtension.class, SecuredCluster.Extension.class})
class WrongCredentialsIT {
    private static final Duration EXIT_DEADLINE = Duration.ofSeconds(120);
    private static final String MAPPINGS = "[ { table = \"{db}.items\", index = \"{index}items\","
            + " redis.invalidate = [\"item:{db}:{id}\"] } ]";
    /** A file log besides standard error, with binlog-sync's DEBUG lines (what an operator may turn on). */
    private static final String LOGBACK = """
            <configuration>
              <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                <target>System.err</target>
                <encoder><pattern>%-5level %logger{0} - %msg%n</pattern></encoder>
              </appender>
              <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                <file>${binlogsync.test.log}</file>
                <encoder><pattern>%-5level [%thread] %logger - %msg%n</pattern></encoder>
              </appender>
              <logger name="io.binlogsync" level="DEBUG"/>
              <root level="INFO">
                <appender-ref ref="STDERR"/>
                <appender-ref ref="FILE"/>
              </root>
            </configuration>
            """;
    private static final Pattern SECRET_FILE = Pattern.compile("-file = \"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** Printing this many characters of a secret in a row counts as printing it (e.g. an abbreviated value). */
    private static final int PIECE = 8;
    /**
     * Rows whose check and run go together: all nine at once (18 JVMs) on two busy cores once slowed TLS handshakes
     * until the secured cluster closed a check's connection before answering.
     */
    private static final int ROWS_AT_ONCE = 3;

    /** The link a secret opens, as the failure must name it. */
    private enum Link { SOURCE, ELASTICSEARCH, REDIS }

    /** What a row's config may point at: the secured cluster, the shared Redis, a directory for secret files. */
    private record Place(SecuredCluster elasticsearch, URI redis, Path dir) {
        /** A secret file of its own, readable by its owner only, as systemd's LoadCredential= leaves it. */
        Path secretFile(String name, String secret) {
            try {
                Path file = Files.writeString(dir.resolve(name), secret + "\n");
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** elasticsearch { ... } for the secured cluster, trusting its CA, authenticating with {@code credentials}. */
        String securedElasticsearch(String credentials) {
            return "elasticsearch { hosts = [\"" + elasticsearch.url() + "\"], ca-file = \"" + elasticsearch.caFile()
                    + "\", " + credentials + " }\n";
        }
    }

    /**
     * One wrong secret: the HOCON added to the fixture's config (later keys win) and the environment that set it, what
     * must not be printed, and what the failures of {@code check} and {@code run} must say besides the link's name.
     */
    private record Case(String name, Link link, Map<String, String> environment, Function<Place, String> config,
                        Set<String> forbidden, List<String> fix) {
    }

    private static final String SOURCE_PASSWORD = random(24);
    private static final String SOURCE_PASSWORD_IN_CONFIG = random(24);
    private static final String SOURCE_PASSWORD_IN_FILE = random(24);
    private static final String ES_PASSWORD = random(24);
    private static final String ES_PASSWORD_IN_FILE = random(24);
    private static final String API_KEY_ID = random(20);
    private static final String API_KEY = random(22);
    private static final String API_KEY_IN_FILE_ID = random(20);
    private static final String API_KEY_IN_FILE = random(22);
    private static final String REDIS_PASSWORD = random(24);
    private static final String REDIS_ACL_PASSWORD = random(24);

    /**
     * Every secret binlog-sync takes today, one row each. A new secret (Redis ACL user and password settings, a
     * Redis password-file, TLS key passphrases) is one more row here: a wrong value set the new way, its
     * {@link #forbidden} forms and the fix its error must name.
     */
    private static final List<Case> CASES = List.of(
            new Case("source-password-env", Link.SOURCE, Map.of("BINLOG_SYNC_SOURCE_PASSWORD", SOURCE_PASSWORD),
                    place -> "source.password = ${?BINLOG_SYNC_SOURCE_PASSWORD}\n",
                    forms(SOURCE_PASSWORD), List.of("password")),
            new Case("source-password", Link.SOURCE, Map.of(),
                    place -> "source.password = \"" + SOURCE_PASSWORD_IN_CONFIG + "\"\n",
                    forms(SOURCE_PASSWORD_IN_CONFIG), List.of("password")),
            new Case("source-password-file", Link.SOURCE, Map.of(),
                    place -> "source { password = null, password-file = \""
                            + place.secretFile("source-password", SOURCE_PASSWORD_IN_FILE) + "\" }\n",
                    forms(SOURCE_PASSWORD_IN_FILE), List.of("password")),
            new Case("elasticsearch-password", Link.ELASTICSEARCH, Map.of(),
                    place -> place.securedElasticsearch("username = " + SecuredCluster.WRITER.name()
                            + ", password = \"" + ES_PASSWORD + "\""),
                    basicForms(SecuredCluster.WRITER.name(), ES_PASSWORD), List.of("elasticsearch.username/password")),
            new Case("elasticsearch-password-file", Link.ELASTICSEARCH, Map.of(),
                    place -> place.securedElasticsearch("username = " + SecuredCluster.WRITER.name()
                            + ", password-file = \"" + place.secretFile("es-password", ES_PASSWORD_IN_FILE) + "\""),
                    basicForms(SecuredCluster.WRITER.name(), ES_PASSWORD_IN_FILE),
                    List.of("elasticsearch.username/password")),
            new Case("elasticsearch-api-key", Link.ELASTICSEARCH, Map.of(),
                    place -> place.securedElasticsearch("api-key = \"" + API_KEY_ID + ":" + API_KEY + "\""),
                    apiKeyForms(API_KEY_ID, API_KEY), List.of("api-key")),
            new Case("elasticsearch-api-key-file", Link.ELASTICSEARCH, Map.of(),
                    place -> place.securedElasticsearch("api-key-file = \"" + place.secretFile("es-api-key",
                            base64(API_KEY_IN_FILE_ID + ":" + API_KEY_IN_FILE)) + "\""),
                    apiKeyForms(API_KEY_IN_FILE_ID, API_KEY_IN_FILE), List.of("api-key")),
            // Redis 7 without requirepass answers AUTH <password> with an error, so a wrong password is refused
            new Case("redis-uri-password", Link.REDIS, Map.of(),
                    place -> "redis.uri = \"redis://:" + REDIS_PASSWORD + "@" + place.redis().getAuthority()
                            + "\"\n",
                    forms(REDIS_PASSWORD), List.of("redis.password")),
            // ... and AUTH user password of a user it does not know with WRONGPASS
            new Case("redis-uri-user-password", Link.REDIS, Map.of(),
                    place -> "redis.uri = \"redis://binlog_sync:" + REDIS_ACL_PASSWORD + "@"
                            + place.redis().getAuthority() + "\"\n",
                    basicForms("binlog_sync", REDIS_ACL_PASSWORD), List.of("redis.password")));

    @TempDir
    static Path dir;
    private static SyncFixture fixture;
    private static Place place;

    @BeforeAll
    static void setUp(TestServers servers, SecuredCluster elasticsearch) throws Exception {
        fixture = new SyncFixture(servers, "wrongcreds_" + Long.toString(System.nanoTime(), 36));
        fixture.createDatabase("CREATE TABLE {db}.items (id INT PRIMARY KEY, title VARCHAR(50))");
        place = new Place(elasticsearch, URI.create(servers.redis().uri()), dir);
        Files.writeString(dir.resolve("logback.xml"), LOGBACK);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (fixture != null) {
            fixture.sql("DROP DATABASE IF EXISTS " + fixture.database());
            fixture.close();
        }
    }

    @Test
    void noOutputOfCheckRunOrHelpHoldsAWrongSecretAndTheFailureNamesTheLinkAndTheFix() throws Exception {
        long began = System.nanoTime();
        Map<String, Outputs> outputs = new LinkedHashMap<>();
        List<DaemonProcess> started = new ArrayList<>();
        try {
            List<String> problems = new ArrayList<>();
            for (int from = 0; from < CASES.size(); from += ROWS_AT_ONCE) {
                List<Case> wave = CASES.subList(from, Math.min(CASES.size(), from + ROWS_AT_ONCE));
                Map<Case, Path> configs = new LinkedHashMap<>();
                for (Case row : wave) {
                    Path config = config(row);
                    configs.put(row, config);
                    requireFormsOfWhatIsGiven(row, config);
                    started.add(start(outputs, row, "check", "check", "--config", config.toString()));
                    started.add(start(outputs, row, "run", "run", "--config", config.toString()));
                }
                // a run that got through its start (the sinks connect lazily) fails at its first write
                for (Case row : wave) {
                    awaitStartedOrEnded(outputs.get(row.name() + " run"), configs.get(row));
                }
                fixture.sql("INSERT INTO " + fixture.database() + ".items VALUES (" + (from + 1) + ", 'refused')");
                for (Case row : wave) {
                    Outputs check = outputs.get(row.name() + " check");
                    assertEquals(1, check.process().awaitExit(EXIT_DEADLINE), row.name() + " check: " + check.text());
                    requireFailureLine(problems, row, "check", check, "FAIL ");
                    Outputs run = outputs.get(row.name() + " run");
                    // awaitExit fails the test when the run keeps retrying
                    assertNotEquals(0, run.process().awaitExit(EXIT_DEADLINE), row.name() + " run: " + run.text());
                    requireFailureLine(problems, row, "run", run, "ERROR");
                }
                // help reads no config, but is given the row's config and environment all the same
                for (Case row : wave) {
                    started.add(start(outputs, row, "run --help", "run", "--config", configs.get(row).toString(),
                            "--help"));
                }
                for (Case row : wave) {
                    requireUsage(problems, outputs.get(row.name() + " run --help"));
                }
            }
            HarnessLog.info(CASES.size() + " checks, runs and run --help ended in " + HarnessLog.secondsSince(began));
            Map<String, String> everyEnvironment = new LinkedHashMap<>();
            CASES.forEach(row -> everyEnvironment.putAll(row.environment()));
            started.add(start(outputs, new Case("every-row", Link.SOURCE, everyEnvironment, place -> "", Set.of(),
                    List.of()), "--help", "--help"));
            requireUsage(problems, outputs.get("every-row --help"));
            HarnessLog.info("and --help in " + HarnessLog.secondsSince(began));
            for (Case row : CASES) {
                outputs.forEach((name, output) -> findSecrets(problems, row, name, output));
            }
            if (!problems.isEmpty()) {
                throw new AssertionError(problems.size() + " problem(s):\n" + String.join("\n\n", problems));
            }
        } finally {
            for (DaemonProcess process : started) {
                process.kill();
            }
        }
    }

    /** A process's console output (standard output and error together) and its log file. */
    private record Outputs(DaemonProcess process, Path logFile) {
        String text() {
            String console = process.logText();
            try {
                return Files.exists(logFile) ? console + "\n--- log file " + logFile + " ---\n"
                        + Files.readString(logFile) : console;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Path config(Case row) throws IOException {
        String hocon = fixture.hocon(MAPPINGS) + "state.file = \"" + dir.resolve(row.name() + "-state.json") + "\"\n"
                + row.config().apply(place);
        Path file = Files.writeString(dir.resolve(row.name() + ".conf"), hocon);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static DaemonProcess start(Map<String, Outputs> outputs, Case row, String what, String... args)
            throws IOException {
        String name = row.name() + " " + what;
        String file = name.replaceAll("[^A-Za-z0-9-]+", "_");
        Path logFile = dir.resolve(file + ".file.log");
        DaemonProcess process = DaemonProcess.startWith(row.environment(),
                List.of("-Dlogback.configurationFile=" + dir.resolve("logback.xml"), "-Dbinlogsync.test.log=" + logFile),
                dir.resolve(file + ".console.log"), args);
        outputs.put(name, new Outputs(process, logFile));
        return process;
    }

    /** The test's own check: the row's forbidden forms match what the daemon is given (config, files, environment). */
    private static void requireFormsOfWhatIsGiven(Case row, Path config) throws IOException {
        StringBuilder given = new StringBuilder(Files.readString(config));
        row.environment().values().forEach(value -> given.append('\n').append(value));
        Matcher file = SECRET_FILE.matcher(given.toString());
        while (file.find()) {
            given.append('\n').append(Files.readString(Path.of(file.group(1))));
        }
        if (row.forbidden().stream().noneMatch(form -> given.toString().contains(form))) {
            throw new AssertionError(row.name() + ": none of its forbidden forms is in what the daemon is given,"
                    + " so the row would find nothing: " + given);
        }
    }

    private static void requireUsage(List<String> problems, Outputs help) throws InterruptedException {
        assertEquals(0, help.process().awaitExit(EXIT_DEADLINE), help.text());
        if (!help.text().contains("Usage:")) {
            problems.add("--help printed no usage: " + help.text());
        }
    }

    /** Until the run has saved its first position (start = current), or has already ended. */
    private static void awaitStartedOrEnded(Outputs run, Path config) {
        Path stateFile = dir.resolve(config.getFileName().toString().replace(".conf", "-state.json"));
        try {
            Poll.until(EXIT_DEADLINE, "the run of " + config + " to save its first position or end",
                    () -> Files.exists(stateFile) || !run.process().isAlive());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; its output: " + run.text(), e);
        }
    }

    /** Some line marked as a failure names the link and every fix fragment (case aside). */
    private static void requireFailureLine(List<String> problems, Case row, String command, Outputs output,
                                           String marker) {
        String link = row.link().name().toLowerCase(Locale.ROOT);
        List<String> failures = output.text().lines().filter(line -> line.contains(marker)).toList();
        HarnessLog.info(row.name() + " " + command + " said: " + (failures.isEmpty() ? "(no " + marker.strip()
                + " line)" : failures.get(0)));
        boolean said = failures.stream().map(line -> line.toLowerCase(Locale.ROOT))
                .anyMatch(line -> line.contains(link) && row.fix().stream()
                        .allMatch(fix -> line.contains(fix.toLowerCase(Locale.ROOT))));
        if (!said) {
            problems.add(row.name() + " " + command + ": no " + marker.strip() + " line names " + link + " and "
                    + row.fix() + ":\n" + output.text());
        }
    }

    private static void findSecrets(List<String> problems, Case row, String name, Outputs output) {
        List<String> lines = output.text().lines().toList();
        for (String secret : row.forbidden()) {
            lines.stream().filter(line -> line.contains(secret)).findFirst().ifPresent(line -> problems.add(
                    name + " printed `" + secret + "` (a form of " + row.name() + "'s wrong secret) in: " + line));
        }
    }

    /** The secret, every piece of {@link #PIECE} characters of it, and its base64 forms. */
    private static Set<String> forms(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        forms.addAll(pieces(secret));
        forms.addAll(encodings(secret));
        return forms;
    }

    /** Basic authentication's: the password's forms and those of {@code user:password}. */
    private static Set<String> basicForms(String user, String password) {
        Set<String> forms = forms(password);
        forms.addAll(encodings(user + ":" + password));
        return forms;
    }

    /** An API key's: the key's forms, {@code id:key} and its base64. The id alone is no secret: errors may name it. */
    private static Set<String> apiKeyForms(String id, String key) {
        Set<String> forms = basicForms(id, key);
        forms.add(id + ":" + key);
        return forms;
    }

    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        for (int at = 0; at + PIECE <= text.length(); at++) {
            pieces.add(text.substring(at, at + PIECE));
        }
        return pieces;
    }

    /** Standard and URL-safe base64, with and without padding. */
    private static Set<String> encodings(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new LinkedHashSet<>(List.of(Base64.getEncoder().encodeToString(bytes),
                Base64.getEncoder().withoutPadding().encodeToString(bytes),
                Base64.getUrlEncoder().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String random(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
