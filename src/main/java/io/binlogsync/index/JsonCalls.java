package io.binlogsync.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * One JSON request through Elasticsearch's low-level REST client, for the APIs the typed client makes awkward:
 * the parsed answer (an empty object when there is no body), or empty for a 404. Any other error status is an
 * IOException naming the hosts, the request, the status and {@code hint}.
 */
final class JsonCalls {
    private final RestClient client;
    private final String hosts;
    private final ObjectMapper json;
    private final String hint;

    JsonCalls(RestClient client, String hosts, ObjectMapper json, String hint) {
        this.client = client;
        this.hosts = hosts;
        this.json = json;
        this.hint = hint;
    }

    Optional<JsonNode> call(String method, String endpoint, JsonNode body) throws IOException {
        Request request = new Request(method, endpoint);
        if (body != null) {
            request.setEntity(new NStringEntity(json.writeValueAsString(body), ContentType.APPLICATION_JSON));
        }
        Response response;
        try {
            response = client.performRequest(request);
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("Elasticsearch " + hosts + " answered " + method + " " + endpoint + " with "
                    + e.getResponse().getStatusLine() + ": " + e.getMessage() + hint, e);
        }
        if (response.getEntity() == null) {
            return Optional.of(json.createObjectNode());
        }
        try (InputStream content = response.getEntity().getContent()) {
            return Optional.of(json.readTree(content));
        }
    }
}
