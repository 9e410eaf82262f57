package io.binlogsync.tls;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Certificates and private keys read from PEM files, with errors that name the file and the setting. */
public final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

    private PemFiles() {
    }

    /** Every certificate of the file, in order; at least one. */
    public static List<X509Certificate> certificates(Path file, String setting) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .stream().map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new IllegalStateException(setting + " " + file + " holds no certificate; point it at a PEM file"
                        + " (-----BEGIN CERTIFICATE-----)");
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificates of " + setting + " " + file + " ("
                    + e.getMessage() + "); point it at a PEM file (-----BEGIN CERTIFICATE-----)", e);
        }
    }

    /**
     * The private key of a PEM file: PKCS#8 ({@code BEGIN PRIVATE KEY}), or encrypted PKCS#8 ({@code BEGIN ENCRYPTED
     * PRIVATE KEY}) opened with the passphrase. The passphrase never appears in an error.
     */
    public static PrivateKey privateKey(Path file, Optional<String> passphrase, String setting) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + setting + " " + file + " (" + e.getMessage() + ")", e);
        }
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            String type = block.group(1);
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(new PKCS8EncodedKeySpec(der), file, setting);
                case "ENCRYPTED PRIVATE KEY":
                    return pkcs8(decrypt(der, passphrase, file, setting), file, setting);
                case "RSA PRIVATE KEY":
                case "EC PRIVATE KEY":
                    throw new IllegalStateException(setting + " " + file + " holds a " + type.replace(" PRIVATE KEY", "")
                            + " key in the traditional format; convert it to PKCS#8 with `openssl pkcs8 -topk8 -nocrypt"
                            + " -in " + file + " -out KEY.pk8` (or add -v2 aes-256-cbc to keep it encrypted)");
                default:
                    // a certificate before the key, say: look further
            }
        }
        throw new IllegalStateException(setting + " " + file + " holds no private key; point it at a PEM file with"
                + " -----BEGIN PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE KEY-----");
    }

    private static PKCS8EncodedKeySpec decrypt(byte[] der, Optional<String> passphrase, Path file, String setting) {
        if (passphrase.isEmpty()) {
            throw new IllegalStateException(setting + " " + file + " is encrypted; set its key passphrase (the"
                    + " key-passphrase or key-passphrase-file setting beside it)");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            String algorithm = info.getAlgParameters() == null ? info.getAlgName() : info.getAlgParameters().toString();
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(algorithm)
                    .generateSecret(new PBEKeySpec(passphrase.get().toCharArray())), info.getAlgParameters());
            return info.getKeySpec(cipher);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt " + setting + " " + file + " (" + e.getClass().getSimpleName()
                    + "): the key passphrase is wrong, or the key is encrypted with a scheme Java lacks; re-encrypt it"
                    + " with `openssl pkcs8 -topk8 -v2 aes-256-cbc`", e);
        }
    }

    private static PrivateKey pkcs8(PKCS8EncodedKeySpec spec, Path file, String setting) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new IllegalStateException(setting + " " + file + " holds a private key of none of the kinds " + KEY_ALGORITHMS
                + "; use an RSA, EC or EdDSA key");
    }
}
