package io.binlogsync.config;

import java.time.Duration;
import java.util.Objects;

/** How to reach the MySQL/MariaDB server whose binlog we follow. {@link #toString()} masks the password. */
public record SourceConfig(String host, int port, String user, String password, long serverId,
                           StartPosition start, Duration connectTimeout, Duration heartbeatInterval) {

    public SourceConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    }

    @Override
    public String toString() {
        return "SourceConfig[host=" + host + ", port=" + port + ", user=" + user + ", password=" + Secrets.MASK
                + ", serverId=" + serverId + ", start=" + start + ", connectTimeout=" + connectTimeout
                + ", heartbeatInterval=" + heartbeatInterval + "]";
    }
}
