package io.binlogsync.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** Checks the URLs of Elasticsearch hosts and the Redis URI. Messages show URLs with their password masked. */
final class EndpointUris {

    private EndpointUris() {
    }

    /** Empty if {@code text} is {@code http(s)://host:port}; otherwise what is wrong and how to fix it. */
    static Optional<String> elasticsearchHostProblem(String text) {
        String shown = "`" + Secrets.maskUserInfo(text) + "`";
        String example = "write it as http://host:port or https://host:port, e.g. http://127.0.0.1:9200";
        if (!text.contains("://")) {
            return Optional.of(shown + " does not start with http:// or https://; " + example);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of(shown + " is not a URL (" + e.getReason() + "); " + example);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            return Optional.of(shown + " does not start with http:// or https://; " + example);
        }
        if (uri.getHost() == null) {
            return Optional.of(shown + " has no valid host name (host names cannot contain '_'); " + example);
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of(shown + " contains credentials; remove them from the URL and set"
                    + " elasticsearch.username and elasticsearch.password instead");
        }
        if (uri.getPort() < 0) {
            return Optional.of(shown + " has no port; add it, e.g. " + uri.getScheme() + "://" + uri.getHost()
                    + ":9200");
        }
        boolean hasPath = uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/");
        if (hasPath || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of(shown + " has a path, query or fragment; " + example);
        }
        return Optional.empty();
    }

    /** Empty if {@code text} is {@code redis://} or {@code rediss://} with a host and optional database number. */
    static Optional<String> redisUriProblem(String text) {
        String shown = "`" + Secrets.maskUserInfo(text) + "`";
        String example = "write it as redis://host:port/database, e.g. redis://127.0.0.1:6379/0"
                + " (rediss:// for TLS, redis://:password@host:6379/0 with a password)";
        if (!text.contains("://")) {
            return Optional.of(shown + " does not start with redis:// or rediss://; " + example);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of(shown + " is not a URI (" + e.getReason() + "); " + example);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("redis") || uri.getScheme().equals("rediss"))) {
            return Optional.of(shown + " does not start with redis:// or rediss://; " + example);
        }
        if (uri.getHost() == null) {
            return Optional.of(shown + " has no valid host name (host names cannot contain '_'); " + example);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.isEmpty() && !path.equals("/") && !path.matches("/\\d+")) {
            return Optional.of(shown + " names database `" + path.substring(1) + "`, which is not a number; "
                    + example);
        }
        return Optional.empty();
    }
}
