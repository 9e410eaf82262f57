package io.binlogsync.testing.servers;

import io.binlogsync.testing.ExternalCommand;
import io.binlogsync.testing.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster of three primaries (no replicas) on free local ports, made with {@code redis-cli --cluster
 * create}; append-only files on, so a restarted node keeps its keys and its identity.
 */
public final class RedisClusterSet implements AutoCloseable {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final List<RedisServer> nodes = new ArrayList<>();
    private String acl;

    /** Every node with these ACL users beside the harness's default. */
    public RedisClusterSet withAcl(String users) {
        this.acl = users;
        return this;
    }

    public RedisClusterSet start() {
        try {
            for (int i = 0; i < 3; i++) {
                RedisServer node = new RedisServer().persistent().withSettings("cluster-enabled", "yes")
                        .withSettings("cluster-config-file", "nodes.conf")
                        .withSettings("cluster-node-timeout", "2000");
                nodes.add(acl == null ? node.start() : node.withAcl(acl).start());
            }
            List<String> command = new ArrayList<>(List.of(Binaries.require("redis-cli", "redis-tools").toString(),
                    "--cluster", "create"));
            nodes.forEach(node -> command.add(node.host() + ":" + node.port()));
            command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            new ExternalCommand(command, nodes.get(0).root().resolve("cluster-create.log"), DEADLINE)
                    .runSuccessfully();
            awaitHealthy();
            return this;
        } catch (RuntimeException | AssertionError e) {
            close();
            throw e;
        }
    }

    /** Until every node says {@code cluster_state:ok} and serves its slots. */
    public void awaitHealthy() {
        Poll.until(DEADLINE, "every cluster node to report cluster_state:ok", () -> nodes.stream().allMatch(node -> {
            try (Jedis jedis = node.client()) {
                return jedis.clusterInfo().contains("cluster_state:ok");
            }
        }));
    }

    /**
     * Moves {@code slots} slots, with their keys, from one node to another ({@code redis-cli --cluster reshard}),
     * while clients keep writing: they meet MOVED and ASK.
     */
    public void reshard(int from, int to, int slots) {
        List<String> command = new ArrayList<>(List.of(Binaries.require("redis-cli", "redis-tools").toString(),
                "--cluster", "reshard", nodes.get(from).host() + ":" + nodes.get(from).port(),
                "--cluster-from", id(from), "--cluster-to", id(to), "--cluster-slots", String.valueOf(slots),
                "--cluster-yes"));
        new ExternalCommand(command, nodes.get(0).root().resolve("cluster-reshard.log"), DEADLINE).runSuccessfully();
        awaitHealthy();
    }

    private String id(int node) {
        try (Jedis jedis = nodes.get(node).client()) {
            return jedis.clusterMyId();
        }
    }

    public List<RedisServer> nodes() {
        return List.copyOf(nodes);
    }

    /** The nodes as {@code "host:port"} in a HOCON list, for {@code redis.cluster.nodes}. */
    public String nodesHocon() {
        return nodes.stream().map(node -> "\"" + node.host() + ":" + node.port() + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** The node that serves {@code key}'s slot, asked of the node itself (CLUSTER NODES' myself line). */
    public RedisServer ownerOf(String key) {
        int slot = JedisClusterCRC16.getSlot(key);
        for (RedisServer node : nodes) {
            try (Jedis jedis = node.client()) {
                Optional<String> myself = jedis.clusterNodes().lines().filter(line -> line.contains("myself"))
                        .findFirst();
                if (myself.isPresent() && servesSlot(myself.get(), slot)) {
                    return node;
                }
            }
        }
        throw new AssertionError("no node serves slot " + slot + " of " + key);
    }

    private static boolean servesSlot(String nodesLine, int slot) {
        String[] fields = nodesLine.split(" ");
        for (int i = 8; i < fields.length; i++) {
            String range = fields[i];
            if (range.startsWith("[")) {
                continue;
            }
            String[] ends = range.split("-");
            int from = Integer.parseInt(ends[0]);
            int to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
            if (slot >= from && slot <= to) {
                return true;
            }
        }
        return false;
    }

    Path root(int node) {
        return nodes.get(node).root();
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
