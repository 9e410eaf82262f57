package io.binlogsync.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Redis deployment whose cache keys we delete: one server, a Sentinel-watched primary, or a cluster; the
 * credentials and TLS of its data nodes; timeouts. {@link #toString()} masks every password.
 *
 * @param user     the ACL user; empty for the {@code default} user (or a {@code requirepass} password alone)
 * @param database the logical database; always 0 in a cluster
 * @param waitReplicas how many replicas must have each batch's deletions before it counts as done ({@code WAIT}),
 *                     so that a failover cannot promote a replica that missed them; 0 does not wait
 */
public record RedisConfig(Topology topology, Optional<String> user, Optional<String> password, int database,
                          Duration connectTimeout, Duration socketTimeout, Optional<Tls> tls, int waitReplicas) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public RedisConfig {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        Objects.requireNonNull(tls, "tls");
    }

    /** A standalone server without credentials, TLS or a database other than 0, e.g. for tests. */
    public static RedisConfig standalone(String host, int port) {
        return new RedisConfig(new Standalone(new Endpoint(host, port)), Optional.empty(), Optional.empty(), 0,
                DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, Optional.empty(), 0);
    }

    /** Where the keys go, for logs and {@code check}: no secret. */
    public String describe() {
        return topology.describe() + (database == 0 ? "" : " database " + database)
                + user.map(name -> " as user " + name).orElse("") + (tls.isPresent() ? " (TLS)" : "");
    }

    /** The user as Redis names it in errors and ACLs. */
    public String userName() {
        return user.orElse("default");
    }

    @Override
    public String toString() {
        return "RedisConfig[topology=" + topology + ", user=" + user.orElse("default") + ", password="
                + password.map(p -> Secrets.MASK).orElse("none") + ", database=" + database + ", connectTimeout="
                + connectTimeout + ", socketTimeout=" + socketTimeout + ", tls=" + tls.map(Tls::toString).orElse("off")
                + ", waitReplicas=" + waitReplicas + "]";
    }

    /** A host and port, as in {@code redis-cli -h host -p port}. */
    public record Endpoint(String host, int port) {
        public Endpoint {
            Objects.requireNonNull(host, "host");
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** How binlog-sync finds the node that takes writes. */
    public sealed interface Topology {
        String describe();
    }

    /** One server (a primary): {@code redis.uri}. */
    public record Standalone(Endpoint node) implements Topology {
        public Standalone {
            Objects.requireNonNull(node, "node");
        }

        @Override
        public String describe() {
            return "Redis " + node;
        }
    }

    /**
     * A primary that Sentinel names; the sentinels may have their own credentials and TLS (none when not set: the
     * sentinels are usually reached without a password).
     */
    public record Sentinel(String masterName, List<Endpoint> nodes, Optional<String> user, Optional<String> password,
                           Optional<Tls> tls) implements Topology {
        public Sentinel {
            Objects.requireNonNull(masterName, "masterName");
            nodes = List.copyOf(nodes);
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(tls, "tls");
        }

        @Override
        public String describe() {
            return "Redis primary `" + masterName + "` named by the sentinels " + joined(nodes);
        }

        @Override
        public String toString() {
            return "Sentinel[masterName=" + masterName + ", nodes=" + nodes + ", user=" + user.orElse("none")
                    + ", password=" + password.map(p -> Secrets.MASK).orElse("none") + ", tls="
                    + tls.map(Tls::toString).orElse("off") + "]";
        }
    }

    /** A Redis Cluster, found from any of its nodes (the seeds); each key goes to the primary of its slot. */
    public record Cluster(List<Endpoint> nodes) implements Topology {
        public Cluster {
            nodes = List.copyOf(nodes);
        }

        @Override
        public String describe() {
            return "Redis Cluster (seeds " + joined(nodes) + ")";
        }
    }

    /**
     * TLS to Redis: which server certificates are trusted, whether the certificate must name the host, and the
     * client certificate when the server asks for one ({@code tls-auth-clients yes}).
     */
    public record Tls(ServerTrust trust, boolean verifyHostName, Optional<ClientCertificate> clientCertificate) {
        public Tls {
            Objects.requireNonNull(trust, "trust");
            Objects.requireNonNull(clientCertificate, "clientCertificate");
        }
    }

    private static String joined(List<Endpoint> nodes) {
        return nodes.stream().map(Endpoint::toString).collect(Collectors.joining(", "));
    }
}
