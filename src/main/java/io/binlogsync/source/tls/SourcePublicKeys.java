package io.binlogsync.source.tls;

import io.binlogsync.config.SourceConfig;

import java.util.Optional;

/**
 * Explains a {@code caching_sha2_password} login that failed for want of the server's RSA public key (MySQL 8's
 * default authentication, over a link without TLS, when the server has not cached the account's password yet).
 */
public final class SourcePublicKeys {

    private SourcePublicKeys() {
    }

    /** The message for such a failure of the JDBC login; empty for any other failure. */
    public static Optional<String> explain(SourceConfig config, Throwable failure) {
        String text = SourceTlsSockets.messages(failure);
        if (text.contains("RSA public key is not available") || text.contains("Could not read server RSA public key")) {
            return Optional.of("JDBC to " + config.host() + ":" + config.port() + " (source.tls.mode = disabled):"
                    + " user '" + config.user() + "' logs in with caching_sha2_password, which without TLS needs the"
                    + " server's RSA public key (" + firstLine(failure) + "); set source.tls.mode = verify-identity"
                    + " (best), or source.allow-public-key-retrieval = true with source.server-public-key-file ="
                    + " a copy of the server's public_key.pem");
        }
        return Optional.empty();
    }

    private static String firstLine(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
