package io.binlogsync.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A setting that names a PEM file (a CA, a client certificate or key, a server's public key): the file is read
 * while the config is, so a missing, unreadable or wrong file is refused at its config path rather than at the
 * first connection. The one home of that check for every link.
 */
final class PemFileSetting {
    static final String CERTIFICATE = "-----BEGIN CERTIFICATE-----";
    static final String PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----";
    /** Any block: a private key file is parsed (and its kind named) when the TLS context is made. */
    static final String ANY_BLOCK = "-----BEGIN";

    private PemFileSetting() {
    }

    /**
     * The file {@code text} names, if it can be read and holds {@code marker}; else empty after reporting why at
     * {@code section.key}, with {@code fix} (e.g. "point ca-file at the CA certificate that signed ...").
     */
    static Optional<Path> read(Section section, String key, String text, String marker, String fix) {
        Path file = Path.of(text);
        String content;
        try {
            content = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            section.problem(key, "cannot read " + file + " (" + e.getClass().getSimpleName() + "); " + fix
                    + ", readable by binlog-sync's user");
            return Optional.empty();
        }
        if (!content.contains(marker)) {
            section.problem(key, file + " holds no " + marker + " block; " + fix);
            return Optional.empty();
        }
        return Optional.of(file);
    }
}
