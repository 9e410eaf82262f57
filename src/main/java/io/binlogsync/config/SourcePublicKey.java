package io.binlogsync.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a login with MySQL 8's {@code caching_sha2_password} over a link without TLS encrypts the password: with the
 * server's RSA public key from a file, or with the key the server sends when asked (which a machine in the middle
 * could replace). Neither is needed over TLS.
 */
public record SourcePublicKey(Optional<Path> file, boolean allowRetrieval) {

    public static final SourcePublicKey NONE = new SourcePublicKey(Optional.empty(), false);

    public SourcePublicKey {
        Objects.requireNonNull(file, "file");
    }
}
