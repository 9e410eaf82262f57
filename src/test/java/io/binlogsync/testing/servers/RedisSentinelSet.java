package io.binlogsync.testing.servers;

import io.binlogsync.testing.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * A primary, a replica and three sentinels watching them as {@link #MASTER_NAME}, all on free local ports; quick
 * failure detection (1 s) so a test's {@link #failover()} finishes in seconds.
 */
public final class RedisSentinelSet implements AutoCloseable {
    public static final String MASTER_NAME = "cache";
    private static final Duration FAILOVER_DEADLINE = Duration.ofSeconds(60);

    private final RedisServer primary = new RedisServer();
    private final RedisServer replica = new RedisServer();
    private final List<RedisSentinel> sentinels = new ArrayList<>();

    /** Both data nodes with these ACL users (beside the harness's default); the sentinels without. */
    public RedisSentinelSet withAcl(String users) {
        primary.withAcl(users);
        replica.withAcl(users);
        return this;
    }

    public RedisSentinelSet start() {
        try {
            primary.start();
            replica.withSettings("replicaof", primary.host(), String.valueOf(primary.port())).start();
            Poll.until(FAILOVER_DEADLINE, "the replica to sync with the primary", () -> {
                try (Jedis jedis = replica.client()) {
                    return jedis.info("replication").contains("master_link_status:up");
                }
            });
            for (int i = 0; i < 3; i++) {
                sentinels.add(new RedisSentinel(MASTER_NAME, primary.host(), primary.port()).start());
            }
            Poll.until(FAILOVER_DEADLINE, "every sentinel to know the replica and the other sentinels",
                    () -> sentinels.stream().allMatch(sentinel -> {
                        try (Jedis jedis = sentinel.client()) {
                            Map<String, String> master = jedis.sentinelMaster(MASTER_NAME);
                            return "1".equals(master.get("num-slaves"))
                                    && "2".equals(master.get("num-other-sentinels"));
                        }
                    }));
            return this;
        } catch (RuntimeException | AssertionError e) {
            close();
            throw e;
        }
    }

    /** The sentinels as {@code "host:port"}, for {@code redis.sentinel.nodes}. */
    public List<String> sentinelNodes() {
        return sentinels.stream().map(sentinel -> sentinel.host() + ":" + sentinel.port()).toList();
    }

    public String sentinelNodesHocon() {
        return sentinelNodes().stream().map(node -> "\"" + node + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    /** The data node the sentinels name primary now. */
    public RedisServer currentPrimary() {
        try (Jedis jedis = sentinels.get(0).client()) {
            int port = jedis.sentinelGetMasterAddrByName(MASTER_NAME).get(1).equals(String.valueOf(primary.port()))
                    ? primary.port() : replica.port();
            return port == primary.port() ? primary : replica;
        }
    }

    public List<RedisServer> dataNodes() {
        return List.of(primary, replica);
    }

    /**
     * {@code SENTINEL FAILOVER}, then waits until the other node is primary by its own account and every sentinel
     * names it; returns it.
     */
    public RedisServer failover() {
        RedisServer before = currentPrimary();
        RedisServer after = before == primary ? replica : primary;
        try (Jedis jedis = sentinels.get(0).client()) {
            jedis.sentinelFailover(MASTER_NAME);
        }
        Poll.until(FAILOVER_DEADLINE, "the sentinels to promote port " + after.port(), () -> {
            try (Jedis node = after.client()) {
                if (!node.info("replication").contains("role:master")) {
                    return false;
                }
            }
            return sentinels.stream().allMatch(sentinel -> {
                try (Jedis jedis = sentinel.client()) {
                    return jedis.sentinelGetMasterAddrByName(MASTER_NAME).get(1).equals(String.valueOf(after.port()));
                }
            });
        });
        return after;
    }

    @Override
    public void close() {
        sentinels.forEach(RedisSentinel::close);
        replica.close();
        primary.close();
    }

    /** One {@code redis-server --sentinel} with a config file of its own (Sentinel rewrites it). */
    static final class RedisSentinel extends LocalServer<RedisSentinel> {
        private final String masterName;
        private final String primaryHost;
        private final int primaryPort;

        RedisSentinel(String masterName, String primaryHost, int primaryPort) {
            super("Redis Sentinel", "binlogsync-sentinel-", Duration.ofSeconds(30));
            this.masterName = masterName;
            this.primaryHost = primaryHost;
            this.primaryPort = primaryPort;
        }

        Jedis client() {
            return new Jedis(HOST, port(), 2000);
        }

        @Override
        protected ServerProcess launch() {
            Path config = root().resolve("sentinel.conf");
            try {
                if (!java.nio.file.Files.exists(config)) {
                    java.nio.file.Files.writeString(config, String.join("\n",
                            "port " + port(),
                            "bind " + HOST,
                            "protected-mode no",
                            "dir " + root(),
                            "sentinel monitor " + masterName + " " + primaryHost + " " + primaryPort + " 2",
                            "sentinel down-after-milliseconds " + masterName + " 1000",
                            "sentinel failover-timeout " + masterName + " 10000",
                            "sentinel parallel-syncs " + masterName + " 1", ""));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Path redisServer = Binaries.require("redis-server", "redis-server");
            return ServerProcess.start("redis-sentinel", List.of(redisServer.toString(), config.toString(),
                    "--sentinel"), Map.of(), root(), root().resolve("sentinel.log"));
        }

        @Override
        protected void awaitReady() {
            Poll.until(Duration.ofSeconds(30), "Sentinel on port " + port() + " to answer PING", () -> {
                requireStillWanted();
                try (Jedis jedis = client()) {
                    return "PONG".equals(jedis.ping());
                }
            });
        }
    }
}
