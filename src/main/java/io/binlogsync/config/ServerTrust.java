package io.binlogsync.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/** Which certificates of {@code https://} hosts binlog-sync trusts. */
public sealed interface ServerTrust {

    /** The JVM's default trust store (the system's CAs). */
    record SystemTrustStore() implements ServerTrust {
        @Override
        public String toString() {
            return "system trust store";
        }
    }

    /** The CA certificates of a PEM file, e.g. Elasticsearch 8's {@code config/certs/http_ca.crt}. */
    record CaFile(Path file) implements ServerTrust {
        public CaFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String toString() {
            return "CA file " + file;
        }
    }

    /**
     * A chain that contains a certificate with this SHA-256 fingerprint, as Elasticsearch 8 prints at its first
     * start ("HTTP CA certificate SHA-256 fingerprint").
     *
     * @param sha256 64 lower-case hex digits, without colons
     */
    record Fingerprint(String sha256) implements ServerTrust {
        private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

        public Fingerprint {
            if (!HEX_64.matcher(sha256).matches()) {
                throw new IllegalArgumentException("a SHA-256 fingerprint is 64 lower-case hex digits");
            }
        }

        @Override
        public String toString() {
            return "certificate SHA-256 fingerprint " + sha256;
        }
    }
}
