package io.binlogsync.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.binlogsync.config.BulkConfig;
import io.binlogsync.config.DocumentVersions;
import io.binlogsync.config.ElasticsearchConfig;
import io.binlogsync.config.ElasticsearchCredentials;
import io.binlogsync.config.ServerTrust;
import io.binlogsync.tls.UntrustedCertificateException;
import io.binlogsync.testing.HttpsTestServer;
import io.binlogsync.testing.TestCertificates;
import io.binlogsync.testing.TestCertificates.Authority;
import io.binlogsync.testing.TestCertificates.ServerCertificate;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a real TLS socket: certificates made by {@link TestCertificates}, a server on a free port of
 * 127.0.0.1. What is trusted passes; what is not fails with a message naming the host, what was expected and what
 * was found; credentials go out as Elasticsearch documents them and never appear in an error.
 */
class RestClientsTest {

    private static final String PASSWORD = "pw-6f1e9a-secret";
    /** The id and key of Elasticsearch's create-API-key example, and its "encoded" answer. */
    private static final String API_KEY_ID = "VuaCfGcBCdbkQm-e5aOx";
    private static final String API_KEY = "ui2lp2axTNmsyakw9tvNnw";
    private static final String API_KEY_ENCODED = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";

    private static Authority ca;
    private static Authority otherCa;
    private static ServerCertificate node;
    private static HttpsTestServer server;
    private static HttpsTestServer challengingServer;
    private static HttpsTestServer wrongNameServer;
    @TempDir
    static Path dir;

    @BeforeAll
    static void startServers() {
        ca = TestCertificates.authority("binlog-sync test CA");
        otherCa = TestCertificates.authority("some other CA");
        node = ca.issue("node-1", List.of("localhost"), List.of("127.0.0.1"));
        server = HttpsTestServer.start(node, false);
        challengingServer = HttpsTestServer.start(node, true);
        wrongNameServer = HttpsTestServer.start(ca.issue("node-2", List.of("elsewhere.example"), List.of()), false);
    }

    @AfterAll
    static void stopServers() {
        server.close();
        challengingServer.close();
        wrongNameServer.close();
    }

    @Test
    void trustsTheCaOfTheCaFile() throws IOException {
        assertEquals(200, get(config(server, new ServerTrust.CaFile(ca.writePem(dir.resolve("ca.pem"))))));
    }

    @Test
    void refusesACertificateNotSignedByTheCaOfTheCaFile() {
        Path wrong = otherCa.writePem(dir.resolve("other-ca.pem"));

        String message = untrusted(config(server, new ServerTrust.CaFile(wrong)));

        assertTrue(message.contains("127.0.0.1:" + server.port()), message);
        assertTrue(message.contains(wrong.toString()), message);
        assertTrue(message.contains("CN=node-1"), message);
        assertTrue(message.contains(TestCertificates.sha256(node.certificate())), message);
        assertTrue(message.contains("elasticsearch.ca-file"), message);
    }

    @Test
    void trustsAChainHoldingACertificateWithTheFingerprint() throws IOException {
        assertEquals(200, get(config(server, new ServerTrust.Fingerprint(TestCertificates.sha256(ca.certificate())))));
        assertEquals(200, get(config(server, new ServerTrust.Fingerprint(TestCertificates.sha256(node.certificate())))));
    }

    @Test
    void refusesAChainWithoutTheFingerprint() {
        String expected = TestCertificates.sha256(otherCa.certificate());

        String message = untrusted(config(server, new ServerTrust.Fingerprint(expected)));

        assertTrue(message.contains("127.0.0.1:" + server.port()), message);
        assertTrue(message.contains("fingerprint " + expected), message);
        assertTrue(message.contains(TestCertificates.sha256(node.certificate())), message);
        assertTrue(message.contains(TestCertificates.sha256(ca.certificate())), message);
        assertTrue(message.contains("CN=node-1"), message);
    }

    @Test
    void stillChecksTheHostNameWhenTheFingerprintMatches() {
        ElasticsearchConfig config = config(wrongNameServer,
                new ServerTrust.Fingerprint(TestCertificates.sha256(ca.certificate())));

        String message = untrusted(config);

        assertTrue(message.contains("not made out to that host name"), message);
        assertTrue(message.contains("CN=node-2"), message);
    }

    @Test
    void theSystemTrustStoreDoesNotKnowATestCa() {
        String message = untrusted(config(server, new ServerTrust.SystemTrustStore()));

        assertTrue(message.contains("system trust store"), message);
        assertTrue(message.contains("elasticsearch.ca-file"), message);
    }

    @Test
    void sendsUserAndPasswordAsBasicAuthenticationWhenChallenged() throws IOException {
        ElasticsearchConfig config = config(challengingServer, new ServerTrust.CaFile(ca.writePem(dir.resolve("ca.pem"))),
                new ElasticsearchCredentials.Basic("binlog", PASSWORD));

        assertEquals(200, get(config));

        String expected = "Basic " + Base64.getEncoder().encodeToString(("binlog:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, lastRequest(challengingServer).get("authorization"));
    }

    @Test
    void sendsAnApiKeyAsElasticsearchDocumentsIt() throws IOException {
        assertEquals(API_KEY_ENCODED, ElasticsearchCredentials.ApiKey.of(API_KEY_ID, API_KEY).encoded());
        ElasticsearchConfig config = config(server, new ServerTrust.CaFile(ca.writePem(dir.resolve("ca.pem"))),
                new ElasticsearchCredentials.ApiKey(API_KEY_ENCODED));

        assertEquals(200, get(config));

        Map<String, String> request = lastRequest(server);
        assertEquals("ApiKey " + API_KEY_ENCODED, request.get("authorization"));
    }

    @Test
    void noSecretInTheErrorOfAnUntrustedCertificate() {
        Path wrong = otherCa.writePem(dir.resolve("other-ca.pem"));
        for (ElasticsearchCredentials credentials : List.of(new ElasticsearchCredentials.Basic("binlog", PASSWORD),
                new ElasticsearchCredentials.ApiKey(API_KEY_ENCODED))) {
            Exception e = assertThrows(IOException.class, () -> get(config(server, new ServerTrust.CaFile(wrong),
                    credentials)));
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                String text = String.valueOf(cause);
                for (String secret : List.of(PASSWORD, API_KEY, API_KEY_ENCODED)) {
                    assertFalse(text.contains(secret), text);
                }
            }
        }
    }

    private static String untrusted(ElasticsearchConfig config) {
        IOException e = assertThrows(IOException.class, () -> get(config));
        return UntrustedCertificateException.in(e)
                .orElseThrow(() -> new AssertionError("not an untrusted certificate", e))
                .getMessage();
    }

    private static int get(ElasticsearchConfig config) throws IOException {
        try (RestClient client = RestClients.build(config)) {
            return client.performRequest(new Request("GET", "/_cluster/health")).getStatusLine().getStatusCode();
        }
    }

    private static Map<String, String> lastRequest(HttpsTestServer on) {
        List<Map<String, String>> requests = on.requests();
        return requests.get(requests.size() - 1);
    }

    private static ElasticsearchConfig config(HttpsTestServer on, ServerTrust trust) {
        return config(on, trust, new ElasticsearchCredentials.None());
    }

    private static ElasticsearchConfig config(HttpsTestServer on, ServerTrust trust,
                                              ElasticsearchCredentials credentials) {
        return new ElasticsearchConfig(List.of(URI.create("https://127.0.0.1:" + on.port())), credentials, trust,
                new BulkConfig(10, 100_000, Duration.ofMillis(10)), Duration.ofSeconds(10),
                DocumentVersions.BINLOG_POSITION);
    }
}
