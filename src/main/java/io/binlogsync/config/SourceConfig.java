package io.binlogsync.config;

import java.time.Duration;
import java.util.Objects;

/** How to reach the MySQL/MariaDB server whose binlog we follow. {@link #toString()} masks the password. */
public record SourceConfig(String host, int port, String user, String password, long serverId,
                           StartPosition start, Duration connectTimeout, Duration heartbeatInterval,
                           SourceTls tls, SourcePublicKey publicKey) {

    public SourceConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /** Without TLS and without an RSA key setting, as before those settings existed. */
    public SourceConfig(String host, int port, String user, String password, long serverId, StartPosition start,
                        Duration connectTimeout, Duration heartbeatInterval) {
        this(host, port, user, password, serverId, start, connectTimeout, heartbeatInterval, SourceTls.DISABLED,
                SourcePublicKey.NONE);
    }

    @Override
    public String toString() {
        return "SourceConfig[host=" + host + ", port=" + port + ", user=" + user + ", password=" + Secrets.MASK
                + ", serverId=" + serverId + ", start=" + start + ", connectTimeout=" + connectTimeout
                + ", heartbeatInterval=" + heartbeatInterval + ", tls=" + tls + ", publicKey=" + publicKey + "]";
    }
}
