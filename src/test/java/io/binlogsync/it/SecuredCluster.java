package io.binlogsync.it;

import io.binlogsync.testing.Directories;
import io.binlogsync.testing.TestCertificates;
import io.binlogsync.testing.servers.ElasticsearchSecurity;
import io.binlogsync.testing.servers.ElasticsearchSecurity.User;
import io.binlogsync.testing.servers.LocalSearchServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The HTTPS Elasticsearch 8 with security on that SecuredElasticsearchIT and WrongCredentialsIT share: a
 * certificate of the test's own CA (made by elasticsearch-certutil), a role in roles.yml with only the privileges
 * docs/security.md lists, and file-realm users. The first test class that declares a parameter of this type starts
 * it; it stops when the whole run ends, so a run starts one whatever the order of the classes.
 */
final class SecuredCluster {
    /** What docs/security.md lists for run, snapshot, verify and check (resync needs manage on top). */
    private static final String ROLES = """
            binlog_sync_writer:
              cluster: [ "monitor" ]
              indices:
                - names: [ "secured_*" ]
                  privileges: [ "write", "read", "view_index_metadata", "create_index", "maintenance" ]
            binlog_sync_reader:
              cluster: [ "monitor" ]
              indices:
                - names: [ "secured_*" ]
                  privileges: [ "read", "view_index_metadata", "create_index", "maintenance" ]
            """;
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    /** May write to secured_* indices. */
    static final User WRITER = new User("binlog_sync", "Wr1ter-pw-" + SUFFIX, "binlog_sync_writer");
    /** May read secured_* indices but not write to them. */
    static final User READER = new User("binlog_reader", "Re4der-pw-" + SUFFIX, "binlog_sync_reader");

    private final Path dir;
    private final LocalSearchServer server;
    private final Path caFile;
    private final String caFingerprint;

    private SecuredCluster(Path dir, LocalSearchServer server, Path caFile, String caFingerprint) {
        this.dir = dir;
        this.server = server;
        this.caFile = caFile;
        this.caFingerprint = caFingerprint;
    }

    private static SecuredCluster start() {
        Path dir = Directories.createTemp("binlogsync-secured-es-");
        ElasticsearchSecurity security = ElasticsearchSecurity.certificates(dir);
        LocalSearchServer server = security.applyTo(new LocalSearchServer().withHeap("512m")
                .withStartTimeout(Duration.ofMinutes(4)), ROLES, List.of(WRITER, READER), WRITER);
        boolean started = false;
        try {
            server.start();
            Path caFile = Files.writeString(dir.resolve("http_ca.crt"), security.caPem());
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(security.caPem().getBytes(StandardCharsets.US_ASCII)));
            String fingerprint = TestCertificates.sha256(ca);
            started = true;
            return new SecuredCluster(dir, server, caFile, fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CA certificate into " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the CA certificate certutil made", e);
        } finally {
            if (!started) {
                server.close();
                Directories.delete(dir);
            }
        }
    }

    LocalSearchServer server() {
        return server;
    }

    /** {@code https://127.0.0.1:PORT} */
    String url() {
        return server.url();
    }

    /** The CA certificate (PEM) that signed the node's HTTP certificate. */
    Path caFile() {
        return caFile;
    }

    /** The CA's SHA-256 fingerprint, as elasticsearch.ca-fingerprint takes it. */
    String caFingerprint() {
        return caFingerprint;
    }

    private void close() {
        try {
            server.close();
        } finally {
            Directories.delete(dir);
        }
    }

    /** Resolves test and lifecycle parameters of type {@link SecuredCluster} to the run's one cluster. */
    static final class Extension implements ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SecuredCluster.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == SecuredCluster.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            // the root store is closed when the whole run ends
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RunScoped.class,
                    key -> new RunScoped(start()), RunScoped.class).cluster();
        }
    }

    private record RunScoped(SecuredCluster cluster) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            cluster.close();
        }
    }
}
