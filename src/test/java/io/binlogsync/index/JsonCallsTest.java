package io.binlogsync.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JsonCalls} against a real HTTP server on a free local port (real sockets, the real client), answering each
 * path with the status and body an Elasticsearch would send.
 */
class JsonCallsTest {
    private static final String PASSWORD = "pa55-w0rd-never-shown";

    private CannedHttpServer server;
    private RestClient client;
    private JsonCalls calls;
    private String hosts;

    @BeforeEach
    void start() throws IOException {
        server = new CannedHttpServer();
        HttpHost host = server.host();
        hosts = "[" + host.toURI() + "]";
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials("binlog_sync", PASSWORD));
        client = RestClient.builder(host)
                .setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials)).build();
        calls = new JsonCalls(client, hosts, new ObjectMapper());
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    @Test
    void answersAreParsedWithTheirHeadersAndBodiesAreSent() throws IOException {
        server.answer("POST /items/_search", new CannedHttpServer.Answer(200, "application/json", "{\"hits\":{\"total\":3}}",
                Map.of("X-Elastic-Product", "Elasticsearch")));
        JsonNode body = new ObjectMapper().createObjectNode().put("size", 2);
        JsonAnswer answer = calls.exchange("POST", "/items/_search", body).orElseThrow();
        assertEquals(3, answer.body().path("hits").path("total").asInt());
        assertEquals(Optional.of("Elasticsearch"), answer.header("x-elastic-product"));
        assertEquals("{\"size\":2}", server.receivedBody("POST /items/_search"));
    }

    @Test
    void anAnswerWithoutBodyIsAnEmptyObject() throws IOException {
        server.answer("HEAD /items", new CannedHttpServer.Answer(200, "application/json", "", Map.of()));
        assertEquals(Optional.of(new ObjectMapper().createObjectNode()), calls.call("HEAD", "/items", null));
    }

    @Test
    void notFoundIsEmptyForGetAndHead() throws IOException {
        server.answer("GET /missing/_mapping", CannedHttpServer.Answer.json(404, "{\"error\":{\"type\":\"index_not_found_exception\","
                + "\"reason\":\"no such index [missing]\"},\"status\":404}"));
        server.answer("HEAD /missing", new CannedHttpServer.Answer(404, "application/json", "", Map.of()));
        assertEquals(Optional.empty(), calls.call("GET", "/missing/_mapping", null));
        assertEquals(Optional.empty(), calls.call("HEAD", "/missing", null));
    }

    @Test
    void timeoutsOverloadAndServerErrorsAreRetriable() {
        for (int status : List.of(408, 429, 500, 502, 503, 504)) {
            server.answer("POST /items/_refresh", CannedHttpServer.Answer.json(status, "{\"error\":{\"type\":\"some_exception\","
                    + "\"reason\":\"try later\"},\"status\":" + status + "}"));
            RefusedRequestException refused = assertThrows(RefusedRequestException.class,
                    () -> calls.call("POST", "/items/_refresh", null));
            assertEquals(status, refused.status());
            assertTrue(refused.retriable(), status + " is retriable");
            assertEquals("Elasticsearch " + hosts + " answered POST /items/_refresh with " + status
                    + ": [some_exception] try later", refused.getMessage());
        }
    }

    @Test
    void otherClientErrorsAreFinalAndSayWhy() {
        server.answer("PUT /Items", CannedHttpServer.Answer.json(400, "{\"error\":{\"root_cause\":[],\"type\":"
                + "\"invalid_index_name_exception\",\"reason\":\"Invalid index name [Items], must be lowercase\"},"
                + "\"status\":400}"));
        RefusedRequestException refused = assertThrows(RefusedRequestException.class,
                () -> calls.call("PUT", "/Items", null));
        assertEquals(400, refused.status());
        assertFalse(refused.retriable());
        assertEquals("Elasticsearch " + hosts + " answered PUT /Items with 400: [invalid_index_name_exception] "
                + "Invalid index name [Items], must be lowercase", refused.getMessage());
    }

    /** Elasticsearch 8's answer to a wrong password, challenge header included. */
    @Test
    void refusedCredentialsSayWhichSettingsToCheck() {
        server.answer("GET /_cluster/health", new CannedHttpServer.Answer(401, "application/json", "{\"error\":{\"root_cause\":[{\"type\":"
                + "\"security_exception\",\"reason\":\"unable to authenticate user [binlog_sync] for REST request "
                + "[/_cluster/health]\"}],\"type\":\"security_exception\",\"reason\":\"unable to authenticate user "
                + "[binlog_sync] for REST request [/_cluster/health]\"},\"status\":401}",
                Map.of("WWW-Authenticate", "Basic realm=\"security\", charset=\"UTF-8\"")));
        RefusedRequestException refused = assertThrows(RefusedRequestException.class,
                () -> calls.call("GET", "/_cluster/health", null));
        assertEquals(401, refused.status());
        assertFalse(refused.retriable());
        assertEquals("Elasticsearch " + hosts + " refused the credentials for GET /_cluster/health (401): check "
                + "elasticsearch.username/password or api-key", refused.getMessage());
        assertNoSecret(refused);
    }

    /** Elasticsearch 8's answer to a user without the privilege, which names the action and the privileges. */
    @Test
    void aMissingPrivilegeIsNamed() {
        String reason = "action [indices:admin/create] is unauthorized for user [binlog_sync] with effective roles "
                + "[binlog_sync_writer] on indices [other], this action is granted by the index privileges "
                + "[create_index,manage,all]";
        server.answer("PUT /other", CannedHttpServer.Answer.json(403, "{\"error\":{\"root_cause\":[{\"type\":\"security_exception\","
                + "\"reason\":\"" + reason + "\"}],\"type\":\"security_exception\",\"reason\":\"" + reason + "\"},"
                + "\"status\":403}"));
        RefusedRequestException refused = assertThrows(RefusedRequestException.class,
                () -> calls.call("PUT", "/other", null));
        assertEquals(403, refused.status());
        assertFalse(refused.retriable());
        assertEquals("Elasticsearch " + hosts + " denied PUT /other (403): [security_exception] " + reason
                + "; grant the user the privilege named there (docs/security.md lists those binlog-sync needs)",
                refused.getMessage());
        assertNoSecret(refused);
    }

    @Test
    void aRefusedContentTypeMeansAnotherKindOfServer() {
        server.answer("GET /_nodes", CannedHttpServer.Answer.json(406, "{\"error\":\"Content-Type header [application/json] is not "
                + "supported\",\"status\":406}"));
        server.answer("POST /_aliases", new CannedHttpServer.Answer(415, "text/html", "<html>Unsupported Media Type</html>", Map.of()));
        for (String request : List.of("GET /_nodes", "POST /_aliases")) {
            String[] parts = request.split(" ");
            RefusedRequestException refused = assertThrows(RefusedRequestException.class,
                    () -> calls.call(parts[0], parts[1], null));
            assertFalse(refused.retriable());
            assertEquals("Elasticsearch " + hosts + " refused the content type of " + request + " ("
                    + refused.status() + "): the server is not a supported Elasticsearch (7.17, 8.x, 9.x) or "
                    + "OpenSearch (2.x, 3.x); check elasticsearch.hosts", refused.getMessage());
        }
    }

    @Test
    void aBodyThatIsNotJsonIsQuotedShortened() {
        server.answer("GET /", new CannedHttpServer.Answer(502, "text/html", "<html>" + "x".repeat(1000) + "</html>", Map.of()));
        RefusedRequestException refused = assertThrows(RefusedRequestException.class,
                () -> calls.call("GET", "/", null));
        assertTrue(refused.retriable());
        assertEquals("Elasticsearch " + hosts + " answered GET / with 502: <html>" + "x".repeat(294) + "...",
                refused.getMessage());
    }

    private static void assertNoSecret(Exception refused) {
        String basic = Base64.getEncoder().encodeToString(("binlog_sync:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        for (Throwable t = refused; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(PASSWORD), t.toString());
            assertFalse(String.valueOf(t.getMessage()).contains(basic), t.toString());
        }
    }
}
