package io.binlogsync.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.binlogsync.config.ClientCertificate;
import io.binlogsync.config.ServerTrust;
import io.binlogsync.testing.TestCertificates;
import io.binlogsync.testing.TestCertificates.Authority;
import io.binlogsync.testing.TestCertificates.ServerCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client TLS contexts over real handshakes on loopback: trust, host names, client certificates, PEM keys. */
class TlsContextsTest {
    private static final TrustAdvice SOURCE = new TrustAdvice("the source", "source.tls", "", false);

    @TempDir
    Path dir;

    private final Authority ca = TestCertificates.authority("test CA");
    private final ServerCertificate server = ca.issue("db", List.of("db.example"), List.of("127.0.0.1"));

    @Test
    void aServerSignedByTheCaFileIsTrustedAndItsNameChecked() throws Exception {
        Path caFile = ca.writePem(dir.resolve("ca.pem"));
        SSLContext verifyIdentity = TlsContexts.client(new ServerTrust.CaFile(caFile), true, Optional.empty(), SOURCE);
        assertEquals("ok", handshake(verifyIdentity, "127.0.0.1", false));
        String mismatch = handshake(verifyIdentity, "localhost", false);
        assertTrue(mismatch.contains("not made out to that host name") && mismatch.contains("localhost")
                && mismatch.contains("source.tls host settings"), mismatch);
        SSLContext verifyCa = TlsContexts.client(new ServerTrust.CaFile(caFile), false, Optional.empty(), SOURCE);
        assertEquals("ok", handshake(verifyCa, "localhost", false), "verify-ca does not check the name");
    }

    @Test
    void anotherCaIsRefusedNamingTheFileAndThePresentedChain() throws Exception {
        Path otherCa = TestCertificates.authority("other CA").writePem(dir.resolve("other.pem"));
        String refused = handshake(TlsContexts.client(new ServerTrust.CaFile(otherCa), false, Optional.empty(), SOURCE),
                "127.0.0.1", false);
        assertTrue(refused.contains("is not trusted") && refused.contains(otherCa.toString())
                && refused.contains("CN=db") && refused.contains("source.tls.ca-file")
                && !refused.contains("ca-fingerprint"), refused);
    }

    @Test
    void aClientCertificateIsPresentedFromPemFilesPlainOrEncrypted() throws Exception {
        Path caFile = ca.writePem(dir.resolve("ca.pem"));
        ServerCertificate client = ca.issue("binlog-sync", List.of(), List.of());
        Path certificate = client.writePem(dir.resolve("client.pem"));
        Path plainKey = client.writeKeyPem(dir.resolve("client.key"));
        Path encryptedKey = client.writeEncryptedKeyPem(dir.resolve("client-enc.key"), "pass phrase 1");
        ServerTrust trust = new ServerTrust.CaFile(caFile);

        // with TLS 1.3 the client may meet the server's refusal first (while writing), so either side may report it
        String without = handshake(TlsContexts.client(trust, true, Optional.empty(), SOURCE), "127.0.0.1", true);
        assertFalse(without.startsWith("CN="), "the server asks for a client certificate and gets none: " + without);
        assertEquals("CN=binlog-sync", handshake(TlsContexts.client(trust, true, Optional.of(new ClientCertificate(
                certificate, plainKey, Optional.empty(), "source.tls.certificate-file")), SOURCE), "127.0.0.1", true));
        assertEquals("CN=binlog-sync", handshake(TlsContexts.client(trust, true, Optional.of(new ClientCertificate(
                certificate, encryptedKey, Optional.of("pass phrase 1"), "source.tls.certificate-file")), SOURCE),
                "127.0.0.1", true));

        IllegalStateException wrong = assertThrows(IllegalStateException.class, () -> TlsContexts.client(trust, true,
                Optional.of(new ClientCertificate(certificate, encryptedKey, Optional.of("wrong words"),
                        "source.tls.certificate-file")), SOURCE));
        assertTrue(wrong.getMessage().contains("source.tls.key-file") && wrong.getMessage().contains("passphrase")
                && !wrong.getMessage().contains("wrong words"), wrong.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> TlsContexts.client(trust, true,
                Optional.of(new ClientCertificate(certificate, encryptedKey, Optional.empty(),
                        "source.tls.certificate-file")), SOURCE));
        assertTrue(missing.getMessage().contains("is encrypted"), missing.getMessage());
    }

    @Test
    void aTraditionalRsaKeyIsRefusedWithTheConversionCommand() throws IOException {
        Path rsa = Files.writeString(dir.resolve("rsa.key"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> PemFiles.privateKey(rsa, Optional.empty(), "redis.tls.key-file"));
        assertTrue(refused.getMessage().contains("openssl pkcs8 -topk8") && refused.getMessage().contains(
                "redis.tls.key-file"), refused.getMessage());
        Path none = Files.writeString(dir.resolve("none.key"), ca.pem());
        assertFalse(assertThrows(IllegalStateException.class, () -> PemFiles.privateKey(none, Optional.empty(), "k"))
                .getMessage().isEmpty());
    }

    /**
     * One handshake with a server presenting {@link #server}; "ok", the client certificate's subject when the
     * server asks for one, or the client's failure message.
     */
    private String handshake(SSLContext client, String host, boolean wantClientCertificate) throws Exception {
        SSLContext serverContext = server.serverContext(ca);
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0,
                1, java.net.InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(wantClientCertificate);
            CompletableFuture<String> accepted = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(5000);
                    socket.startHandshake();
                    if (!wantClientCertificate) {
                        return "ok";
                    }
                    return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                            .getName();
                } catch (IOException e) {
                    return "server: " + e.getMessage();
                }
            });
            try (java.net.Socket plain = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(),
                    listener.getLocalPort());
                 SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(plain, host,
                         listener.getLocalPort(), true)) {
                socket.setSoTimeout(5000);
                socket.startHandshake();
                socket.getOutputStream().write(1);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                accepted.get(10, TimeUnit.SECONDS);
                return String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
            }
            return accepted.get(10, TimeUnit.SECONDS);
        }
    }
}
