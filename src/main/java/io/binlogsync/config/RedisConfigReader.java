package io.binlogsync.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code redis} section: where the keys go (exactly one of {@code uri}, {@code sentinel} and
 * {@code cluster}), who logs in, which database, timeouts and TLS. A setting written twice (the password in the URI
 * and in {@code password-file}, {@code rediss://} and {@code tls.enabled = false}, a database in a cluster) is
 * refused at its path; secrets never appear in a problem.
 */
final class RedisConfigReader {

    private static final Pattern NODE = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([^:\\[\\]\\s]+)):(\\d{1,5})");
    private static final String TOPOLOGY_HINT = "set exactly one of uri = \"redis://127.0.0.1:6379/0\" (one server),"
            + " sentinel { master-name = \"mymaster\", nodes = [\"host:26379\", ...] } or"
            + " cluster { nodes = [\"host:7000\", ...] }";

    private RedisConfigReader() {
    }

    static Optional<RedisConfig> read(Section redis) {
        Optional<String> uriText = redis.optionalString("uri", true);
        Optional<Section> sentinelSection = redis.optionalSection("sentinel");
        Optional<Section> clusterSection = redis.optionalSection("cluster");
        Optional<String> user = redis.optionalString("user", false);
        Optional<SecretFile.Secret> password = SecretFile.inlineOrFile(redis, "password");
        Optional<Long> database = redis.isAbsent("database") ? Optional.of(-1L)
                : redis.wholeNumber("database", 0, 1_000_000, "write the database number, e.g. database = 0");
        Optional<Duration> connectTimeout = timeout(redis, "connect-timeout");
        Optional<Duration> socketTimeout = timeout(redis, "socket-timeout");
        Optional<Long> waitReplicas = redis.isAbsent("wait-replicas") ? Optional.of(0L)
                : redis.wholeNumber("wait-replicas", 0, 100, "it is how many replicas must hold each batch's"
                + " deletions before it counts as done, e.g. wait-replicas = 1; 0 does not wait");
        boolean ok = database.isPresent() && connectTimeout.isPresent() && socketTimeout.isPresent()
                && waitReplicas.isPresent()
                && password.map(secret -> !secret.broken()).orElse(true);

        int topologies = (uriText.isPresent() ? 1 : 0) + (sentinelSection.isPresent() ? 1 : 0)
                + (clusterSection.isPresent() ? 1 : 0);
        if (topologies == 0) {
            redis.problem("uri", "required setting is missing; " + TOPOLOGY_HINT
                    + ", or remove the redis section if no mapping invalidates keys");
            ok = false;
        } else if (topologies > 1) {
            String second = clusterSection.isPresent() ? "cluster" : "sentinel";
            redis.problem(second, (uriText.isPresent() ? "uri" : "sentinel") + " and " + second + " are both set; "
                    + TOPOLOGY_HINT);
            ok = false;
        }

        // the URI of a single server may carry the user, the password, the database and the TLS switch
        Optional<URI> uri = Optional.empty();
        Optional<String> uriUser = Optional.empty();
        Optional<String> uriPassword = Optional.empty();
        Optional<Long> uriDatabase = Optional.empty();
        if (uriText.isPresent()) {
            Optional<String> problem = EndpointUris.redisUriProblem(uriText.get());
            problem.ifPresent(message -> redis.problem("uri", message));
            if (problem.isPresent()) {
                ok = false;
            } else {
                uri = Optional.of(URI.create(uriText.get()));
                String userInfo = uri.get().getUserInfo();
                if (userInfo != null) {
                    int colon = userInfo.indexOf(':');
                    uriUser = colon > 0 ? Optional.of(userInfo.substring(0, colon)) : Optional.empty();
                    uriPassword = Optional.of(colon < 0 ? userInfo : userInfo.substring(colon + 1))
                            .filter(text -> !text.isEmpty());
                }
                String path = uri.get().getRawPath() == null ? "" : uri.get().getRawPath();
                uriDatabase = path.length() > 1 ? Optional.of(Long.parseLong(path.substring(1))) : Optional.empty();
            }
        }
        if (uriUser.isPresent() && user.isPresent()) {
            redis.problem("user", "the user is set both in uri and as user; keep one (user keeps the URI free of"
                    + " credentials)");
            ok = false;
        }
        if (uriPassword.isPresent() && password.isPresent()) {
            redis.problem(password.get().key(), "the password is set both in uri and as " + password.get().key()
                    + "; keep one (" + password.get().key() + " keeps the secret out of the URI)");
            ok = false;
        }
        if (uriDatabase.isPresent() && database.orElse(-1L) >= 0) {
            redis.problem("database", "the database is set both in uri (/" + uriDatabase.get() + ") and as"
                    + " database; keep one");
            ok = false;
        }
        Optional<String> finalUser = user.isPresent() ? user : uriUser;
        Optional<String> finalPassword = password.isPresent() ? password.map(SecretFile.Secret::value) : uriPassword;
        if (finalUser.isPresent() && finalPassword.isEmpty()) {
            redis.problem("password", "user is set but no password; set password = ${?BINLOG_SYNC_REDIS_PASSWORD}"
                    + " or password-file, or remove user");
            ok = false;
        }
        long databaseNumber = uriDatabase.orElse(Math.max(0, database.orElse(0L)));
        if (clusterSection.isPresent() && databaseNumber != 0) {
            redis.problem("database", "a Redis Cluster has only database 0; remove database");
            ok = false;
        }

        if (clusterSection.isPresent() && waitReplicas.orElse(0L) > 0) {
            redis.problem("wait-replicas", "is not supported with cluster (each node would be waited for on its own);"
                    + " remove wait-replicas");
            ok = false;
        }
        boolean rediss = uri.map(u -> u.getScheme().equals("rediss")).orElse(false);
        Optional<Optional<RedisConfig.Tls>> tls = RedisTlsReader.read(redis.section("tls"), rediss);
        ok &= tls.isPresent();

        Optional<RedisConfig.Topology> topology = Optional.empty();
        if (uri.isPresent()) {
            URI u = uri.get();
            topology = Optional.of(new RedisConfig.Standalone(new RedisConfig.Endpoint(hostOf(u),
                    u.getPort() < 0 ? 6379 : u.getPort())));
        } else if (sentinelSection.isPresent()) {
            topology = sentinel(sentinelSection.get(), tls.orElse(Optional.empty()));
        } else if (clusterSection.isPresent()) {
            Section cluster = clusterSection.get();
            topology = nodes(cluster, "for the cluster's nodes (any few; the rest are found), e.g."
                    + " nodes = [\"10.0.0.1:7000\", \"10.0.0.2:7000\"]").map(RedisConfig.Cluster::new);
            cluster.rejectUnknownKeys();
        }
        redis.rejectUnknownKeys();
        if (!ok || topology.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RedisConfig(topology.get(), finalUser, finalPassword, (int) databaseNumber,
                connectTimeout.get(), socketTimeout.get(), tls.get(), waitReplicas.get().intValue()));
    }

    private static Optional<RedisConfig.Topology> sentinel(Section sentinel, Optional<RedisConfig.Tls> dataTls) {
        Optional<String> masterName = sentinel.requiredString("master-name", "set it to the name the sentinels"
                + " monitor (sentinel monitor NAME ... in sentinel.conf), e.g. master-name = \"mymaster\"");
        Optional<List<RedisConfig.Endpoint>> nodes = nodes(sentinel, "for the sentinels, e.g."
                + " nodes = [\"10.0.0.1:26379\", \"10.0.0.2:26379\", \"10.0.0.3:26379\"]");
        Optional<String> user = sentinel.optionalString("user", false);
        Optional<SecretFile.Secret> password = SecretFile.inlineOrFile(sentinel, "password");
        boolean ok = password.map(secret -> !secret.broken()).orElse(true);
        if (user.isPresent() && password.isEmpty()) {
            sentinel.problem("password", "user is set but no password; set password or password-file, or remove"
                    + " user");
            ok = false;
        }
        // the sentinels speak TLS as the data nodes do unless sentinel.tls says otherwise
        Optional<Optional<RedisConfig.Tls>> tls = sentinel.optionalSection("tls")
                .map(own -> RedisTlsReader.read(own, false)).orElse(Optional.of(dataTls));
        sentinel.rejectUnknownKeys();
        if (!ok || masterName.isEmpty() || nodes.isEmpty() || tls.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RedisConfig.Sentinel(masterName.get(), nodes.get(), user,
                password.map(SecretFile.Secret::value), tls.get()));
    }

    private static Optional<List<RedisConfig.Endpoint>> nodes(Section section, String example) {
        if (section.isAbsent("nodes")) {
            section.problem("nodes", "required setting is missing; list host:port " + example);
            return Optional.empty();
        }
        return section.stringList("nodes").flatMap(list -> {
            if (list.isEmpty()) {
                section.problem("nodes", "is empty; list host:port " + example);
                return Optional.empty();
            }
            List<RedisConfig.Endpoint> endpoints = new ArrayList<>();
            for (LocatedString item : list) {
                Matcher matcher = NODE.matcher(item.value().strip());
                int port = matcher.matches() ? Integer.parseInt(matcher.group(3)) : -1;
                if (port < 1 || port > 65535) {
                    section.problem(item, "`" + ConfigValueText.abbreviated(item.value()) + "` is not host:port;"
                            + " write e.g. \"10.0.0.1:6379\" or \"[::1]:6379\"");
                    return Optional.empty();
                }
                endpoints.add(new RedisConfig.Endpoint(matcher.group(1) != null ? matcher.group(1)
                        : matcher.group(2), port));
            }
            return Optional.of(endpoints);
        });
    }

    private static Optional<Duration> timeout(Section redis, String key) {
        return redis.isAbsent(key) ? Optional.of(RedisConfig.DEFAULT_TIMEOUT) : redis.positiveDuration(key);
    }

    private static String hostOf(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
