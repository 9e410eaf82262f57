package io.binlogsync.index;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * Finds out which server answers, once, and refuses those binlog-sync does not support. A cluster answers
 * {@code GET /} with its version (OpenSearch says {@code "distribution": "opensearch"} there); Elasticsearch's test
 * distributions answer it with 405, so then the nodes' versions are asked for, and only Elasticsearch sends the
 * {@code X-Elastic-Product} header (OpenSearch 3 sends {@code X-OpenSearch-Version}). Both calls need the cluster privilege {@code monitor}.
 */
public final class ServerDetection {
    static final String SUPPORTED = "Elasticsearch 7.17, 8.x or 9.x, or OpenSearch 2.x or 3.x";
    private static final String PRODUCT_HEADER = "X-Elastic-Product";
    /** Sent by OpenSearch 3 (not 2). */
    private static final String OPENSEARCH_HEADER = "X-OpenSearch-Version";

    private final JsonCalls calls;
    private final String hosts;
    private SearchServer detected;

    /** @param hosts how messages name the cluster: the configured hosts */
    public ServerDetection(JsonCalls calls, String hosts) {
        this.calls = calls;
        this.hosts = hosts;
    }

    /** The server, asked for at the first call only; an {@link UnsupportedServerException} when it does not fit. */
    public synchronized SearchServer server() throws IOException {
        if (detected == null) {
            detected = supported(ask(), hosts);
        }
        return detected;
    }

    private SearchServer ask() throws IOException {
        Optional<JsonAnswer> main = main();
        Optional<SearchServer> server = main.flatMap(ServerDetection::fromMain);
        if (server.isPresent()) {
            return server.get();
        }
        Optional<JsonAnswer> nodes = calls.exchange("GET", "/_nodes?filter_path=nodes.*.version", null);
        return nodes.flatMap(ServerDetection::fromNodes).orElseThrow(() -> new UnsupportedServerException(
                "Elasticsearch " + hosts + " did not say which server it is (GET / "
                        + main.map(answer -> "answered " + answer.body()).orElse("was refused")
                        + "; GET /_nodes came without an " + PRODUCT_HEADER + " header or versions); binlog-sync "
                        + "supports " + SUPPORTED + ": check elasticsearch.hosts"));
    }

    /** The answer to {@code GET /}; empty when the server does not allow it. */
    private Optional<JsonAnswer> main() throws IOException {
        try {
            return calls.exchange("GET", "/", null);
        } catch (RefusedRequestException e) {
            if (e.status() == 405) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The server as {@code GET /} describes it, if it gives a version. */
    static Optional<SearchServer> fromMain(JsonAnswer answer) {
        JsonNode version = answer.body().path("version");
        String number = version.path("number").asText("");
        if (number.isEmpty()) {
            return Optional.empty();
        }
        boolean openSearch = "opensearch".equals(version.path("distribution").asText());
        return Optional.of(new SearchServer(openSearch ? SearchServer.Flavour.OPENSEARCH
                : SearchServer.Flavour.ELASTICSEARCH, number));
    }

    /**
     * The server as the nodes' info describes it, when a header says which server it is: the
     * oldest node's version (during a rolling upgrade the cluster can only do what its oldest node does).
     */
    static Optional<SearchServer> fromNodes(JsonAnswer answer) {
        SearchServer.Flavour flavour;
        if (answer.header(PRODUCT_HEADER).filter("Elasticsearch"::equals).isPresent()) {
            flavour = SearchServer.Flavour.ELASTICSEARCH;
        } else if (answer.header(OPENSEARCH_HEADER).isPresent()) {
            flavour = SearchServer.Flavour.OPENSEARCH;
        } else {
            return Optional.empty();
        }
        return StreamSupport.stream(answer.body().path("nodes").spliterator(), false)
                .map(node -> node.path("version").asText(""))
                .filter(version -> !version.isEmpty())
                .map(version -> new SearchServer(flavour, version))
                .min(Comparator.comparingInt(SearchServer::major).thenComparingInt(SearchServer::minor));
    }

    /** The server, when binlog-sync supports it. */
    static SearchServer supported(SearchServer server, String hosts) throws UnsupportedServerException {
        int major = server.major();
        boolean fits = switch (server.flavour()) {
            case ELASTICSEARCH -> (major == 7 && server.minor() >= 17) || major == 8 || major == 9;
            case OPENSEARCH -> major == 2 || major == 3;
        };
        if (!fits) {
            throw new UnsupportedServerException("Elasticsearch " + hosts + " is " + server + ", which binlog-sync "
                    + "does not support; it supports " + SUPPORTED);
        }
        return server;
    }
}
