package io.binlogsync.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every JSON request to the search cluster goes through here (the NDJSON {@code _bulk} of the sink aside): the
 * parsed answer, or empty for a 404 (HEAD included). Any other error status is a {@link RefusedRequestException}
 * carrying the status, retriable or not, whose message names the hosts, the method and the path, and says what to
 * fix for the statuses an operator meets (401, 403, 406/415). Messages never carry a secret: requests carry none in
 * their path, and the cluster's reasons name users and actions, not passwords or keys.
 */
public final class JsonCalls {
    private static final int MAX_TEXT = 300;

    private final RestClient client;
    private final String hosts;
    private final ObjectMapper json;

    /** @param hosts how messages name the cluster: the configured hosts */
    public JsonCalls(RestClient client, String hosts, ObjectMapper json) {
        this.client = client;
        this.hosts = hosts;
        this.json = json;
    }

    /** The body of the answer, or empty for a 404; {@code body} may be null. */
    public Optional<JsonNode> call(String method, String endpoint, JsonNode body) throws IOException {
        return exchange(method, endpoint, body).map(JsonAnswer::body);
    }

    /** The answer with its headers, or empty for a 404; {@code body} may be null. */
    public Optional<JsonAnswer> exchange(String method, String endpoint, JsonNode body) throws IOException {
        Request request = new Request(method, endpoint);
        if (body != null) {
            request.setEntity(new NByteArrayEntity(json.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
        }
        Response response;
        try {
            response = client.performRequest(request);
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw refused(method, endpoint, e);
        }
        if (response.getStatusLine().getStatusCode() == 404) {
            // the client does not count a 404 to a HEAD request as an error
            return Optional.empty();
        }
        Map<String, String> headers = new HashMap<>();
        for (Header header : response.getHeaders()) {
            headers.put(header.getName().toLowerCase(Locale.ROOT), header.getValue());
        }
        HttpEntity entity = response.getEntity();
        if (entity == null || entity.getContentLength() == 0) {
            return Optional.of(new JsonAnswer(json.createObjectNode(), headers));
        }
        try (InputStream content = entity.getContent()) {
            return Optional.of(new JsonAnswer(json.readTree(content), headers));
        }
    }

    /**
     * The refusal of a request to {@code endpoint} as this class words it, for requests made elsewhere (the NDJSON
     * {@code _bulk}).
     */
    public RefusedRequestException refused(String method, String endpoint, ResponseException cause) {
        Response response = cause.getResponse();
        int status = response.getStatusLine().getStatusCode();
        String request = method + " " + endpoint;
        String reason = reason(response);
        String message = switch (status) {
            case 401 -> "Elasticsearch " + hosts + " refused the credentials for " + request + " (401): check "
                    + "elasticsearch.username/password or api-key";
            case 403 -> "Elasticsearch " + hosts + " denied " + request + " (403): " + reason + "; grant the user "
                    + "the privilege named there (docs/security.md lists those binlog-sync needs)";
            case 406, 415 -> "Elasticsearch " + hosts + " refused the content type of " + request + " (" + status
                    + "): the server is not a supported Elasticsearch (7.17, 8.x, 9.x) or OpenSearch (2.x, 3.x); "
                    + "check elasticsearch.hosts";
            default -> "Elasticsearch " + hosts + " answered " + request + " with " + status
                    + (reason.isEmpty() ? "" : ": " + reason);
        };
        return new RefusedRequestException(status, message, cause);
    }

    /** What the answer says went wrong: the error's type and reason, or the start of a body that is not JSON. */
    private String reason(Response response) {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return "";
        }
        String text;
        try {
            text = EntityUtils.toString(entity);
        } catch (IOException e) {
            return "";
        }
        try {
            JsonNode error = json.readTree(text).path("error");
            if (error.isObject()) {
                String type = error.path("type").asText("");
                String reason = error.path("reason").asText("");
                return type.isEmpty() ? reason : "[" + type + "] " + reason;
            }
            if (error.isTextual()) {
                return error.asText();
            }
        } catch (IOException e) {
            // not JSON: the text itself, shortened
        }
        String trimmed = text.strip();
        return trimmed.length() > MAX_TEXT ? trimmed.substring(0, MAX_TEXT) + "..." : trimmed;
    }
}
