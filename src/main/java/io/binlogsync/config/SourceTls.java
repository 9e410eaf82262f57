package io.binlogsync.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS on both links to the source, the replication stream and JDBC, which always verify the same way.
 *
 * @param caFile the CA certificates (PEM) that sign the server's certificate; empty means the Java system trust
 *               store (only read in the verify modes)
 * @param client the certificate presented where the server asks for one ({@code REQUIRE X509}), or empty
 */
public record SourceTls(Mode mode, Optional<Path> caFile, Optional<ClientCertificate> client) {

    /** As MySQL's {@code --ssl-mode}, without PREFERRED: a link that may silently stay in clear is not offered. */
    public enum Mode {
        /** No TLS: the stream and the queries travel in clear. */
        DISABLED,
        /** Encrypted, but any certificate is accepted (as MySQL's REQUIRED): protects against listeners only. */
        REQUIRED,
        /** Encrypted, the certificate must be signed by the CA; its host names are not checked. */
        VERIFY_CA,
        /** As VERIFY_CA, and the certificate must name source.host. */
        VERIFY_IDENTITY;

        public boolean encrypted() {
            return this != DISABLED;
        }

        public boolean verifiesChain() {
            return this == VERIFY_CA || this == VERIFY_IDENTITY;
        }

        /** As written in the config: {@code verify-identity}. */
        public String configName() {
            return EnumSpelling.of(this);
        }
    }

    public static final SourceTls DISABLED = new SourceTls(Mode.DISABLED, Optional.empty(), Optional.empty());

    public SourceTls {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(client, "client");
    }

    /** Which certificates the verify modes trust. */
    public ServerTrust trust() {
        return caFile.<ServerTrust>map(ServerTrust.CaFile::new).orElse(new ServerTrust.SystemTrustStore());
    }
}
