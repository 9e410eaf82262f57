package io.binlogsync.testing.servers;

import io.binlogsync.testing.HarnessLog;
import io.binlogsync.testing.LogTail;
import io.binlogsync.testing.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Security for a test Elasticsearch 8 the way an operator sets it up: a CA of the test's own and an HTTP
 * certificate for 127.0.0.1 and localhost, both made by the distribution's {@code elasticsearch-certutil}
 * ({@code ca --pem}, then {@code cert --pem}); HTTP TLS on that certificate; roles in {@code roles.yml}; users of
 * the file realm made with {@code elasticsearch-users useradd}. {@link #applyTo} shapes a {@link LocalSearchServer}
 * before its first start; the launcher's own requests then go over HTTPS as the first user.
 */
public final class ElasticsearchSecurity {

    /** A file-realm user holding one role of roles.yml. */
    public record User(String name, String password, String role) {
    }

    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);

    private final String caPem;
    /** The node's certificate followed by the CA's: the chain it presents. */
    private final String nodeCertificatePem;
    private final String nodeKeyPem;

    private ElasticsearchSecurity(String caPem, String nodeCertificatePem, String nodeKeyPem) {
        this.caPem = caPem;
        this.nodeCertificatePem = nodeCertificatePem;
        this.nodeKeyPem = nodeKeyPem;
    }

    /** Makes the CA and the node's certificate with {@code elasticsearch-certutil} of the suite's distribution. */
    public static ElasticsearchSecurity certificates(Path workDir) {
        long started = System.nanoTime();
        SearchDistribution distribution = SearchDistribution.suiteDefault();
        Path home = DistributionUnpacker.unpack(distribution, Path.of(System.getProperty("user.dir"), "target"));
        Path certutil = home.resolve("bin/elasticsearch-certutil");
        Path caZip = workDir.resolve("ca.zip");
        Path nodeZip = workDir.resolve("node.zip");
        run(workDir, certutil.toString(), "ca", "--pem", "--days", "30", "--out", caZip.toString(), "--silent");
        Map<String, String> ca = unzip(caZip);
        Path caCrt = write(workDir.resolve("ca.crt"), ca.get("ca/ca.crt"));
        Path caKey = write(workDir.resolve("ca.key"), ca.get("ca/ca.key"));
        run(workDir, certutil.toString(), "cert", "--pem", "--ca-cert", caCrt.toString(), "--ca-key", caKey.toString(),
                "--ip", "127.0.0.1", "--dns", "localhost", "--name", "node", "--days", "30",
                "--out", nodeZip.toString(), "--silent");
        Map<String, String> node = unzip(nodeZip);
        HarnessLog.info("made a CA and an HTTP certificate with elasticsearch-certutil in "
                + HarnessLog.secondsSince(started));
        // the node presents its certificate and the CA's, as Elasticsearch's own security auto-configuration does
        return new ElasticsearchSecurity(ca.get("ca/ca.crt"), node.get("node/node.crt") + ca.get("ca/ca.crt"),
                node.get("node/node.key"));
    }

    /** The CA certificate (PEM) that signed the node's HTTP certificate. */
    public String caPem() {
        return caPem;
    }

    /**
     * Security on, HTTP TLS on the certificate, {@code rolesYaml} as roles.yml and each user made with
     * {@code elasticsearch-users}; the launcher's requests authenticate as {@code launcherUser}, who needs the
     * cluster privilege {@code monitor}.
     */
    public LocalSearchServer applyTo(LocalSearchServer server, String rolesYaml, List<User> users, User launcherUser) {
        server.withSetting("xpack.security.enabled", "true")
                .withSetting("xpack.security.http.ssl.enabled", "true")
                .withSetting("xpack.security.http.ssl.certificate", "certs/node.crt")
                .withSetting("xpack.security.http.ssl.key", "certs/node.key")
                .withSetting("xpack.security.http.ssl.certificate_authorities", "[\"certs/ca.crt\"]")
                .withConfigFile("certs/ca.crt", caPem)
                .withConfigFile("certs/node.crt", nodeCertificatePem)
                .withConfigFile("certs/node.key", nodeKeyPem)
                .withConfigFile("roles.yml", rolesYaml);
        for (User user : users) {
            server.withSetupTool("elasticsearch-users", "useradd", user.name(), "-p", user.password(), "-r", user.role());
        }
        return server.withTls(caPem).withBasicAuth(launcherUser.name(), launcherUser.password());
    }

    private static void run(Path workDir, String... command) {
        Path log = workDir.resolve("certutil.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ES_JAVA_HOME", InstalledJdk.atLeast(17).home().toString());
        try {
            Process process = builder.start();
            if (!process.waitFor(TOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("elasticsearch-certutil did not finish within "
                        + Poll.format(TOOL_TIMEOUT) + "\n" + LogTail.lastLines(log, 20));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + "\n" + LogTail.lastLines(log, 20));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running elasticsearch-certutil", e);
        }
    }

    /** The text files of a zip certutil wrote, by their path inside it. */
    private static Map<String, String> unzip(Path zip) {
        Map<String, String> files = new HashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (!entry.isDirectory()) {
                    files.put(entry.getName(), new String(entries.readAllBytes(), StandardCharsets.US_ASCII));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip, e);
        }
        return files;
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
