package io.binlogsync.config;

import java.net.URI;
import java.util.Objects;

/** The Redis server whose cache keys we delete. {@link #toString()} masks a password in the URI. */
public record RedisConfig(URI uri) {

    public RedisConfig {
        Objects.requireNonNull(uri, "uri");
    }

    @Override
    public String toString() {
        return "RedisConfig[uri=" + Secrets.maskUserInfo(uri.toString()) + "]";
    }
}
