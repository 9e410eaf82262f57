package io.binlogsync.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Elasticsearch cluster documents are written to, how binlog-sync authenticates and which certificates it
 * trusts, and where the documents' external versions come from. {@link #toString()} masks every secret.
 */
public record ElasticsearchConfig(List<URI> hosts, ElasticsearchCredentials credentials, ServerTrust trust,
                                  BulkConfig bulk, Duration requestTimeout, DocumentVersions versions) {

    public ElasticsearchConfig {
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(bulk, "bulk");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(versions, "versions");
    }

    /** Basic authentication when both are given, none when neither; the system trust store. */
    public ElasticsearchConfig(List<URI> hosts, Optional<String> username, Optional<String> password,
                               BulkConfig bulk, Duration requestTimeout, DocumentVersions versions) {
        this(hosts, username.<ElasticsearchCredentials>map(user -> new ElasticsearchCredentials.Basic(user,
                        password.orElse(""))).orElse(new ElasticsearchCredentials.None()),
                new ServerTrust.SystemTrustStore(), bulk, requestTimeout, versions);
    }

    @Override
    public String toString() {
        return "ElasticsearchConfig[hosts=" + hosts + ", " + credentials + ", trust=" + trust
                + ", bulk=" + bulk + ", requestTimeout=" + requestTimeout + ", versions=" + versions + "]";
    }
}
