package io.binlogsync.testing.servers;

import io.binlogsync.testing.FreePort;
import io.binlogsync.testing.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * A private Redis server on a free port of 127.0.0.1; {@link #restart()} keeps the port, and the data only when
 * {@link #persistent()}. The plain port's {@code default} user may do anything (the harness's door); the modes
 * below add what a test needs: an ACL file ({@link #withAcl}), a TLS port ({@link #withTls}), more settings
 * ({@link #withSettings}: a replica, a cluster node).
 */
public final class RedisServer extends LocalServer<RedisServer> {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int CLIENT_TIMEOUT_MILLIS = 2000;
    /** The harness's own user, on every ACL file: the plain port stays the test's door. */
    private static final String HARNESS_USER = "user default on nopass ~* &* +@all";

    private final List<String> settings = new ArrayList<>();
    private String acl;
    private Tls tls;
    private int tlsPort;
    private boolean persistent;

    /** TLS on a second port: the server's certificate and key, and the CA of the clients it asks for (or none). */
    public record Tls(Path certificateFile, Path keyFile, Path caFile, boolean authClients) {
    }

    public RedisServer() {
        super("Redis", "binlogsync-redis-", STOP_TIMEOUT);
    }

    /** More redis-server settings, each a name and its values, e.g. {@code "replicaof", "127.0.0.1", "6379"}. */
    public RedisServer withSettings(String... nameAndValues) {
        settings.add("--" + nameAndValues[0]);
        settings.addAll(List.of(nameAndValues).subList(1, nameAndValues.length));
        return this;
    }

    /** Users from an ACL file (its lines, e.g. {@code user app on >pw ~app:* +del}) beside the harness's default. */
    public RedisServer withAcl(String users) {
        this.acl = HARNESS_USER + "\n" + users.strip() + "\n";
        return this;
    }

    /** A TLS port ({@link #tlsPort()}) beside the plain one. */
    public RedisServer withTls(Tls tls) {
        this.tls = tls;
        return this;
    }

    /** Append-only file on: a restart keeps the keys (and a cluster node its identity, in nodes.conf). */
    public RedisServer persistent() {
        this.persistent = true;
        return this;
    }

    /** {@code redis://127.0.0.1:PORT} */
    public String uri() {
        return "redis://" + HOST + ":" + port();
    }

    public int tlsPort() {
        return tlsPort;
    }

    /** A new connection to the plain port as the harness's user; the caller closes it. */
    public Jedis client() {
        return new Jedis(HOST, port(), CLIENT_TIMEOUT_MILLIS);
    }

    @Override
    protected ServerProcess launch() {
        Path redisServer = Binaries.require("redis-server", "redis-server");
        List<String> command = new ArrayList<>(List.of(redisServer.toString(),
                "--port", String.valueOf(port()),
                "--bind", HOST,
                "--save", "",
                "--appendonly", persistent ? "yes" : "no",
                "--dir", root().toString(),
                "--protected-mode", "no",
                "--daemonize", "no"));
        if (acl != null) {
            command.addAll(List.of("--aclfile", write("users.acl", acl).toString()));
        }
        if (tls != null) {
            if (tlsPort == 0) {
                tlsPort = FreePort.find();
            }
            command.addAll(List.of("--tls-port", String.valueOf(tlsPort),
                    "--tls-cert-file", tls.certificateFile().toString(),
                    "--tls-key-file", tls.keyFile().toString(),
                    "--tls-ca-cert-file", tls.caFile().toString(),
                    "--tls-auth-clients", tls.authClients() ? "yes" : "no"));
        }
        command.addAll(settings);
        return ServerProcess.start("redis-server", command, Map.of(), root(), root().resolve("redis.log"));
    }

    private Path write(String name, String text) {
        try {
            return Files.writeString(root().resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until it answers PING (and, when persistent, has loaded its data). */
    @Override
    protected void awaitReady() {
        Poll.until(START_TIMEOUT, "Redis on port " + port() + " to answer PING", () -> {
            requireStillWanted();
            try (Jedis jedis = client()) {
                return "PONG".equals(jedis.ping());
            } catch (redis.clients.jedis.exceptions.JedisDataException loading) {
                return false;
            }
        });
    }
}
