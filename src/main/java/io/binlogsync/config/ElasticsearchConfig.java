package io.binlogsync.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Elasticsearch cluster documents are written to, and where their external versions come from.
 * {@link #toString()} masks the password.
 */
public record ElasticsearchConfig(List<URI> hosts, Optional<String> username, Optional<String> password,
                                  BulkConfig bulk, Duration requestTimeout,
                                  DocumentVersions versions) {

    public ElasticsearchConfig {
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(bulk, "bulk");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(versions, "versions");
    }

    @Override
    public String toString() {
        return "ElasticsearchConfig[hosts=" + hosts + ", username=" + username.orElse("<none>")
                + ", password=" + password.map(secret -> Secrets.MASK).orElse("<none>")
                + ", bulk=" + bulk + ", requestTimeout=" + requestTimeout + ", versions=" + versions + "]";
    }
}
