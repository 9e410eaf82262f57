package io.binlogsync.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads {@code elasticsearch { ... }}. */
final class ElasticsearchConfigReader {

    /** typesafe's 1KB: 1000 bytes. */
    private static final long MIN_BULK_BYTES = 1000;

    private ElasticsearchConfigReader() {
    }

    static Optional<ElasticsearchConfig> read(Section elasticsearch) {
        Optional<List<URI>> hosts = elasticsearch.stringList("hosts").flatMap(items -> hosts(elasticsearch, items));
        Optional<ElasticsearchCredentials> credentials = ElasticsearchSecurityReader.credentials(elasticsearch);
        Optional<ServerTrust> trust = ElasticsearchSecurityReader.trust(elasticsearch, hosts);
        Optional<BulkConfig> bulk = bulk(elasticsearch.section("bulk"));
        Optional<Duration> requestTimeout = elasticsearch.positiveDuration("request-timeout");
        Optional<DocumentVersions> versions = elasticsearch.choice("versions", DocumentVersions::fromConfigValue,
                "a version source", "versions = binlog-position (any server) or versions = gtid (MariaDB, survives a"
                        + " failover)");
        elasticsearch.rejectUnknownKeys();

        if (Stream.of(hosts, credentials, trust, bulk, requestTimeout, versions).anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new ElasticsearchConfig(hosts.orElseThrow(), credentials.orElseThrow(), trust.orElseThrow(),
                bulk.orElseThrow(), requestTimeout.orElseThrow(), versions.orElseThrow()));
    }

    private static Optional<List<URI>> hosts(Section elasticsearch, List<LocatedString> items) {
        if (items.isEmpty()) {
            elasticsearch.problem("hosts", "the list is empty; name at least one node,"
                    + " e.g. hosts = [\"http://127.0.0.1:9200\"]");
            return Optional.empty();
        }
        List<URI> hosts = new ArrayList<>();
        for (LocatedString item : items) {
            Optional<String> problem = EndpointUris.elasticsearchHostProblem(item.value());
            problem.ifPresent(message -> elasticsearch.problem(item, message));
            if (problem.isEmpty()) {
                hosts.add(URI.create(item.value()));
            }
        }
        return hosts.size() == items.size() ? Optional.of(hosts) : Optional.empty();
    }

    private static Optional<BulkConfig> bulk(Section bulk) {
        Optional<Long> maxActions = bulk.wholeNumber("max-actions", 1, Integer.MAX_VALUE,
                "it is the most operations sent in one bulk request, e.g. max-actions = 1000");
        Optional<Long> maxBytes = bulk.bytes("max-bytes", MIN_BULK_BYTES, "1KB (1000 bytes)");
        Optional<Duration> maxWait = bulk.positiveDuration("max-wait");
        bulk.rejectUnknownKeys();

        if (Stream.of(maxActions, maxBytes, maxWait).anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new BulkConfig(maxActions.orElseThrow().intValue(), maxBytes.orElseThrow(),
                maxWait.orElseThrow()));
    }
}
