package io.binlogsync.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads a Redis {@code tls} section (the data nodes' {@code redis.tls}, or the sentinels' own
 * {@code redis.sentinel.tls}): whether TLS is on, the CA, the client certificate and the host-name check.
 */
final class RedisTlsReader {

    private RedisTlsReader() {
    }

    /**
     * The TLS settings: on when the URI is {@code rediss://} ({@code rediss}) or {@code enabled = true}. Settings
     * of a TLS that is off are refused, since the user meant TLS. The outer Optional is empty after a problem.
     */
    static Optional<Optional<RedisConfig.Tls>> read(Section tls, boolean rediss) {
        Optional<Boolean> enabled = tls.isAbsent("enabled") ? Optional.of(rediss)
                : tls.flag("enabled", "enabled = true or enabled = false");
        if (enabled.isEmpty()) {
            return Optional.empty();
        }
        if (rediss && !enabled.get()) {
            tls.problem("enabled", "uri is rediss:// (TLS) but enabled = false; write redis:// for a plain"
                    + " connection, or remove enabled");
            return Optional.empty();
        }
        Optional<String> caFile = tls.optionalString("ca-file", false);
        Optional<String> certificateFile = tls.optionalString("certificate-file", false);
        Optional<String> keyFile = tls.optionalString("key-file", false);
        Optional<SecretFile.Secret> passphrase = SecretFile.inlineOrFile(tls, "key-passphrase");
        Optional<Boolean> verifyHostName = tls.isAbsent("verify-host-name") ? Optional.of(true)
                : tls.flag("verify-host-name", "verify-host-name = true (the certificate must name the host) or false"
                        + " (any host the CA signed)");
        tls.rejectUnknownKeys();
        if (!enabled.get()) {
            for (String key : List.of("ca-file", "certificate-file", "key-file", "verify-host-name", "key-passphrase",
                    "key-passphrase-file")) {
                if (!tls.isAbsent(key)) {
                    tls.problem(key, key + " is set but TLS is off; use a rediss:// URI or set tls.enabled = true,"
                            + " or remove " + key);
                    return Optional.empty();
                }
            }
            return Optional.of(Optional.empty());
        }
        if (verifyHostName.isEmpty() || passphrase.map(SecretFile.Secret::broken).orElse(false)) {
            return Optional.empty();
        }
        if (certificateFile.isPresent() != keyFile.isPresent()) {
            String missing = certificateFile.isPresent() ? "key-file" : "certificate-file";
            tls.problem(missing, (certificateFile.isPresent() ? "certificate-file" : "key-file") + " is set but "
                    + missing + " is not; a client certificate needs both PEM files (the key in PKCS#8)");
            return Optional.empty();
        }
        if (passphrase.isPresent() && keyFile.isEmpty()) {
            tls.problem(passphrase.get().key(), passphrase.get().key() + " is set but key-file is not; remove it,"
                    + " or set certificate-file and key-file");
            return Optional.empty();
        }
        Optional<ServerTrust> trust = caFile.isPresent()
                ? PemFileSetting.read(tls, "ca-file", caFile.get(), PemFileSetting.CERTIFICATE, "point ca-file at the CA"
                        + " certificate (PEM) that signed Redis' tls-cert-file (its tls-ca-cert-file)")
                        .map(ServerTrust.CaFile::new)
                : Optional.of(new ServerTrust.SystemTrustStore());
        if (trust.isEmpty()) {
            return Optional.empty();
        }
        Optional<ClientCertificate> client = certificateFile.map(certificate -> new ClientCertificate(
                Path.of(certificate), Path.of(keyFile.get()), passphrase.map(SecretFile.Secret::value),
                tls.pathOf("certificate-file")));
        return Optional.of(Optional.of(new RedisConfig.Tls(trust.get(), verifyHostName.get(), client)));
    }
}
