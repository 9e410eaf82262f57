package io.binlogsync.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The certificate and private key binlog-sync presents where a server asks clients for one, both PEM files; the
 * key is PKCS#8 ({@code BEGIN PRIVATE KEY}), or encrypted PKCS#8 ({@code BEGIN ENCRYPTED PRIVATE KEY}) opened with
 * {@code keyPassphrase}. {@link #toString()} masks the passphrase.
 *
 * @param settingPath the config path of the certificate setting, e.g. {@code source.tls.certificate-file}, for errors
 */
public record ClientCertificate(Path certificateFile, Path keyFile, Optional<String> keyPassphrase,
                                String settingPath) {

    public ClientCertificate {
        Objects.requireNonNull(certificateFile, "certificateFile");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(keyPassphrase, "keyPassphrase");
        Objects.requireNonNull(settingPath, "settingPath");
    }

    @Override
    public String toString() {
        return "ClientCertificate[certificateFile=" + certificateFile + ", keyFile=" + keyFile + ", keyPassphrase="
                + keyPassphrase.map(p -> Secrets.MASK).orElse("none") + "]";
    }
}
