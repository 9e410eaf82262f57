package io.binlogsync.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code source.tls { ... }} and the RSA key settings of {@code source}. Settings that another one makes
 * useless (a CA file with a mode that checks no certificate, a key file without its certificate) are refused at
 * their path rather than ignored: an operator who writes them expects them to act.
 */
final class SourceTlsReader {


    private SourceTlsReader() {
    }

    /** Empty after reporting a problem. */
    static Optional<SourceTls> tls(Section source) {
        Section tls = source.section("tls");
        Optional<SourceTls.Mode> mode = tls.choice("mode", text -> EnumSpelling.parse(SourceTls.Mode.class, text),
                "a TLS mode", EnumSpelling.all(SourceTls.Mode.class) + " (verify-identity checks the certificate and"
                        + " that it names source.host)");
        Optional<String> caFile = tls.optionalString("ca-file", false);
        Optional<String> certificateFile = tls.optionalString("certificate-file", false);
        Optional<String> keyFile = tls.optionalString("key-file", false);
        Optional<SecretFile.Secret> passphrase = SecretFile.inlineOrFile(tls, "key-passphrase");
        tls.rejectUnknownKeys();
        if (mode.isEmpty() || passphrase.isPresent() && passphrase.get().broken()) {
            return Optional.empty();
        }
        boolean valid = true;
        if (mode.get() == SourceTls.Mode.DISABLED) {
            for (String key : List.of("ca-file", "certificate-file", "key-file")) {
                if (!tls.isAbsent(key)) {
                    tls.problem(key, key + " is set but mode is disabled, so no TLS is used; set mode = verify-identity"
                            + " (or verify-ca, or required), or remove " + key);
                    valid = false;
                }
            }
        } else if (mode.get() == SourceTls.Mode.REQUIRED && caFile.isPresent()) {
            tls.problem("ca-file", "ca-file is set but mode = required accepts any certificate, so the CA is never"
                    + " checked; set mode = verify-identity (or verify-ca), or remove ca-file");
            valid = false;
        }
        if (certificateFile.isPresent() != keyFile.isPresent()) {
            String missing = certificateFile.isPresent() ? "key-file" : "certificate-file";
            tls.problem(missing, (certificateFile.isPresent() ? "certificate-file" : "key-file") + " is set but "
                    + missing + " is not; a client certificate needs both PEM files (the key in PKCS#8)");
            valid = false;
        }
        if (passphrase.isPresent() && keyFile.isEmpty()) {
            tls.problem(passphrase.get().key(), passphrase.get().key() + " is set but key-file is not; remove it, or"
                    + " set certificate-file and key-file");
            valid = false;
        }
        Optional<Path> ca = caFile.flatMap(file -> PemFileSetting.read(tls, "ca-file", file, PemFileSetting.CERTIFICATE,
                "point it at the CA certificate that signed the server's (the server's ssl_ca file)"));
        Optional<Path> certificate = certificateFile.flatMap(file -> PemFileSetting.read(tls, "certificate-file", file,
                PemFileSetting.CERTIFICATE, "point it at the client certificate in PEM"));
        Optional<Path> key = keyFile.flatMap(file -> PemFileSetting.read(tls, "key-file", file, PemFileSetting.ANY_BLOCK,
                "point it at the client's private key in PEM (PKCS#8)"));
        if (!valid || caFile.isPresent() && ca.isEmpty() || certificateFile.isPresent() && certificate.isEmpty()
                || keyFile.isPresent() && key.isEmpty()) {
            return Optional.empty();
        }
        Optional<ClientCertificate> client = certificate.map(file -> new ClientCertificate(file, key.orElseThrow(),
                passphrase.map(SecretFile.Secret::value), tls.pathOf("certificate-file")));
        return Optional.of(new SourceTls(mode.get(), ca, client));
    }

    /** {@code server-public-key-file} and {@code allow-public-key-retrieval}; empty after reporting a problem. */
    static Optional<SourcePublicKey> publicKey(Section source, Optional<SourceTls> tls) {
        Optional<String> file = source.optionalString("server-public-key-file", false);
        Optional<Boolean> allow = source.isAbsent("allow-public-key-retrieval") ? Optional.of(false)
                : source.flag("allow-public-key-retrieval", "allow-public-key-retrieval = true or false");
        if (allow.isEmpty() || tls.isEmpty()) {
            return Optional.empty();
        }
        String key = file.isPresent() ? "server-public-key-file" : "allow-public-key-retrieval";
        if ((file.isPresent() || allow.get()) && tls.get().mode().encrypted()) {
            source.problem(key, key + " is set but source.tls.mode = " + tls.get().mode().configName() + " encrypts"
                    + " the link, and over TLS the password needs no RSA key; remove " + key);
            return Optional.empty();
        }
        if (file.isPresent() && !allow.get()) {
            source.problem("server-public-key-file", "server-public-key-file is set, but only the JDBC link can use"
                    + " it: the replication stream's client (mysql-binlog-connector-java 0.30.1) has no such setting"
                    + " and asks the server for its key when a caching_sha2_password login needs it; either set"
                    + " allow-public-key-retrieval = true as well (the key file then still protects the JDBC link),"
                    + " or better, turn on TLS with source.tls.mode = verify-identity");
            return Optional.empty();
        }
        Optional<Path> path = file.flatMap(text -> PemFileSetting.read(source, "server-public-key-file", text, PemFileSetting.PUBLIC_KEY,
                "point it at the server's RSA public key in PEM (MySQL's caching_sha2_password_public_key_path,"
                        + " usually public_key.pem in the data directory)"));
        if (file.isPresent() && path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SourcePublicKey(path, allow.get()));
    }
}
