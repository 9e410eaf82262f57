package io.binlogsync.sink.redis;

import io.binlogsync.config.RedisConfig;
import io.binlogsync.tls.TlsContexts;
import io.binlogsync.tls.TrustAdvice;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.ClusterConnectionProvider;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The client for one {@link RedisConfig}: a pool to one server, the primary Sentinel names (Jedis follows its
 * {@code +switch-master} announcements), or a cluster's slot map. Opening it connects (to the sentinels, or to a
 * seed for the slot map), so the sink opens it inside its retries.
 */
final class RedisConnection implements AutoCloseable {
    private static final TrustAdvice DATA_NODES = new TrustAdvice("the Redis server", "redis.tls", "", false);
    private static final TrustAdvice SENTINELS = new TrustAdvice("the Redis sentinel", "redis.sentinel.tls", "",
            false);
    /** How often a cluster command follows MOVED/ASK or a lost node before it fails (and the sink retries it). */
    private static final int CLUSTER_ATTEMPTS = 5;

    private final UnifiedJedis jedis;
    private final Optional<ClusterConnectionProvider> cluster;

    private RedisConnection(UnifiedJedis jedis, Optional<ClusterConnectionProvider> cluster) {
        this.jedis = jedis;
        this.cluster = cluster;
    }

    static RedisConnection open(RedisConfig config) {
        JedisClientConfig data = clientConfig(config.user(), config.password(), config.database(), config,
                config.tls(), DATA_NODES);
        RedisConfig.Topology topology = config.topology();
        if (topology instanceof RedisConfig.Sentinel sentinel) {
            return new RedisConnection(new JedisSentineled(sentinel.masterName(), data,
                    hostsAndPorts(sentinel.nodes()), clientConfig(sentinel.user(), sentinel.password(), 0, config,
                    sentinel.tls(), SENTINELS)), Optional.empty());
        }
        if (topology instanceof RedisConfig.Cluster seeds) {
            ClusterConnectionProvider provider = new ClusterConnectionProvider(hostsAndPorts(seeds.nodes()), data);
            return new RedisConnection(new JedisCluster(provider, CLUSTER_ATTEMPTS,
                    config.socketTimeout().multipliedBy(CLUSTER_ATTEMPTS)), Optional.of(provider));
        }
        RedisConfig.Standalone standalone = (RedisConfig.Standalone) topology;
        return new RedisConnection(new JedisPooled(hostAndPort(standalone.node()), data), Optional.empty());
    }

    /** A pipeline; in a cluster, one per node, each command sent to the node owning its keys' slot. */
    PipelineBase pipelined() {
        return cluster.<PipelineBase>map(ClusterPipeline::new).orElseGet(jedis::pipelined);
    }

    boolean isCluster() {
        return cluster.isPresent();
    }

    /** After MOVED, ASK or a lost node: asks the cluster again which node serves which slot. */
    void refreshSlots() {
        cluster.ifPresent(ClusterConnectionProvider::renewSlotCache);
    }

    /** PING to the server, the current primary, or every node of the cluster. */
    void ping() {
        if (cluster.isEmpty()) {
            jedis.ping();
            return;
        }
        for (ConnectionPool pool : cluster.get().getNodes().values()) {
            try (Connection connection = pool.getResource()) {
                connection.ping();
            }
        }
    }

    @Override
    public void close() {
        jedis.close();
    }

    private static JedisClientConfig clientConfig(Optional<String> user, Optional<String> password, int database,
                                                  RedisConfig config, Optional<RedisConfig.Tls> tls,
                                                  TrustAdvice advice) {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis(config.connectTimeout()))
                .socketTimeoutMillis(millis(config.socketTimeout()))
                .database(database)
                // CLIENT SETINFO would be one more command for the ACL to allow; the daemon needs none of it
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        user.ifPresent(builder::user);
        password.ifPresent(builder::password);
        tls.ifPresent(settings -> builder.ssl(true).sslSocketFactory(TlsContexts.client(settings.trust(),
                settings.verifyHostName(), settings.clientCertificate(), advice).getSocketFactory()));
        return builder.build();
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    private static HostAndPort hostAndPort(RedisConfig.Endpoint endpoint) {
        return new HostAndPort(endpoint.host(), endpoint.port());
    }

    private static Set<HostAndPort> hostsAndPorts(List<RedisConfig.Endpoint> endpoints) {
        Set<HostAndPort> hosts = new LinkedHashSet<>();
        endpoints.forEach(endpoint -> hosts.add(hostAndPort(endpoint)));
        return hosts;
    }
}
