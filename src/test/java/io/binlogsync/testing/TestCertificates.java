package io.binlogsync.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Certificate authorities and server certificates made in memory for tests (EC P-256, SHA-256 with ECDSA, valid
 * from a day ago for a week), with no library beyond the JDK: the few DER structures of an X.509 v3 certificate
 * are written here, and the JDK's own {@link CertificateFactory} parses the result, so a mistake fails loudly.
 */
public final class TestCertificates {

    private static final char[] KEY_STORE_PASSWORD = "test-only".toCharArray();
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCertificates() {
    }

    /** A self-signed CA. */
    public static Authority authority(String commonName) {
        KeyPair keys = newKeys();
        return new Authority(commonName, keys, sign(commonName, commonName, keys, keys.getPrivate(), true, List.of()));
    }

    /** A CA that signs server certificates. */
    public record Authority(String commonName, KeyPair keys, X509Certificate certificate) {

        /** A server certificate for these host names and IP addresses (its subject alternative names). */
        public ServerCertificate issue(String commonName, List<String> dnsNames, List<String> ipAddresses) {
            KeyPair serverKeys = newKeys();
            byte[][] names = new byte[dnsNames.size() + ipAddresses.size()][];
            int i = 0;
            for (String dns : dnsNames) {
                names[i++] = Der.tagged(0x82, dns.getBytes(StandardCharsets.US_ASCII));
            }
            for (String ip : ipAddresses) {
                names[i++] = Der.tagged(0x87, address(ip));
            }
            return new ServerCertificate(serverKeys, sign(commonName, this.commonName, serverKeys, keys.getPrivate(),
                    false, List.of(names)), this);
        }

        public String pem() {
            return TestCertificates.pem(certificate);
        }

        public Path writePem(Path file) {
            return write(file, pem());
        }
    }

    /**
     * A server's (or a client's: the certificate carries no key usage limits) certificate with its key, and the CA
     * that signed it.
     */
    public record ServerCertificate(KeyPair keys, X509Certificate certificate, Authority issuer) {

        /** The certificate in PEM. */
        public Path writePem(Path file) {
            return write(file, pem(certificate));
        }

        /** The private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), as servers read it. */
        public Path writeKeyPem(Path file) {
            return write(file, pemBlock("PRIVATE KEY", keys.getPrivate().getEncoded()));
        }

        /** The private key as PKCS#8 encrypted with PBES2 (AES-256, HMAC-SHA256), as {@code openssl pkcs8 -v2} writes. */
        public Path writeEncryptedKeyPem(Path file, String passphrase) {
            try {
                String algorithm = "PBEWithHmacSHA256AndAES_256";
                byte[] salt = new byte[16];
                RANDOM.nextBytes(salt);
                byte[] iv = new byte[16];
                RANDOM.nextBytes(iv);
                javax.crypto.SecretKey key = javax.crypto.SecretKeyFactory.getInstance(algorithm)
                        .generateSecret(new javax.crypto.spec.PBEKeySpec(passphrase.toCharArray()));
                javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance(algorithm);
                cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new javax.crypto.spec.PBEParameterSpec(salt, 10_000,
                        new javax.crypto.spec.IvParameterSpec(iv)));
                byte[] encrypted = cipher.doFinal(keys.getPrivate().getEncoded());
                // the cipher names its parameters by the scheme; the key info wants them under PBES2's own name
                java.security.AlgorithmParameters pbes2 = java.security.AlgorithmParameters.getInstance("PBES2");
                pbes2.init(cipher.getParameters().getEncoded());
                var info = new javax.crypto.EncryptedPrivateKeyInfo(pbes2, encrypted);
                return write(file, pemBlock("ENCRYPTED PRIVATE KEY", info.getEncoded()));
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot encrypt the key of " + certificate.getSubjectX500Principal(), e);
            }
        }

        /** A TLS context that presents this certificate and its CA's as the chain. */
        public SSLContext serverContext() {
            return serverContext(null);
        }

        /** Same, and it trusts client certificates signed by {@code clientCa} (null: the JDK's default trust). */
        public SSLContext serverContext(Authority clientCa) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("server", keys.getPrivate(), KEY_STORE_PASSWORD,
                        new X509Certificate[]{certificate, issuer.certificate()});
                KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(store, KEY_STORE_PASSWORD);
                javax.net.ssl.TrustManager[] trustManagers = null;
                if (clientCa != null) {
                    KeyStore cas = KeyStore.getInstance("PKCS12");
                    cas.load(null, null);
                    cas.setCertificateEntry("client-ca", clientCa.certificate());
                    var factory = javax.net.ssl.TrustManagerFactory.getInstance(
                            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
                    factory.init(cas);
                    trustManagers = factory.getTrustManagers();
                }
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keyManagers.getKeyManagers(), trustManagers, null);
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot make a TLS context for " + certificate.getSubjectX500Principal(), e);
            }
        }
    }

    /** 64 lower-case hex digits. */
    public static String sha256(X509Certificate certificate) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pemBlock(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write(Path file, String text) {
        try {
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static X509Certificate sign(String subject, String issuer, KeyPair subjectKeys, PrivateKey issuerKey,
                                        boolean ca, List<byte[]> altNames) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
        byte[] extensions = ca
                ? Der.sequence(Der.sequence(Der.oid(BASIC_CONSTRAINTS), Der.bool(true),
                        Der.octets(Der.sequence(Der.bool(true)))))
                : Der.sequence(Der.sequence(Der.oid(SUBJECT_ALT_NAME),
                        Der.octets(Der.sequence(altNames.toArray(byte[][]::new)))));
        byte[] tbs = Der.sequence(
                Der.tagged(0xa0, Der.integer(BigInteger.TWO)),
                Der.integer(new BigInteger(63, RANDOM).add(BigInteger.ONE)),
                algorithm,
                name(issuer),
                Der.sequence(Der.utcTime(now.minusDays(1)), Der.utcTime(now.plusDays(7))),
                name(subject),
                subjectKeys.getPublic().getEncoded(),
                Der.tagged(0xa3, extensions));
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(issuerKey);
            signature.update(tbs);
            byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signature.sign()));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test certificate for " + subject, e);
        }
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME),
                Der.tagged(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] address(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DER encodings a certificate needs: tag, length, content. */
    private static final class Der {

        static byte[] sequence(byte[]... parts) {
            return tagged(0x30, concat(parts));
        }

        static byte[] set(byte[]... parts) {
            return tagged(0x31, concat(parts));
        }

        static byte[] integer(BigInteger value) {
            return tagged(0x02, value.toByteArray());
        }

        static byte[] bool(boolean value) {
            return tagged(0x01, new byte[]{(byte) (value ? 0xff : 0)});
        }

        static byte[] octets(byte[] content) {
            return tagged(0x04, content);
        }

        static byte[] bitString(byte[] content) {
            return tagged(0x03, concat(new byte[]{0}, content));
        }

        static byte[] utcTime(ZonedDateTime time) {
            return tagged(0x17, UTC_TIME.format(time).getBytes(StandardCharsets.US_ASCII));
        }

        static byte[] oid(String dotted) {
            String[] arcs = dotted.split("\\.");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
            for (int i = 2; i < arcs.length; i++) {
                base128(out, Long.parseLong(arcs[i]));
            }
            return tagged(0x06, out.toByteArray());
        }

        static byte[] tagged(int tag, byte[] content) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            int length = content.length;
            if (length < 0x80) {
                out.write(length);
            } else {
                byte[] digits = BigInteger.valueOf(length).toByteArray();
                int skip = digits[0] == 0 ? 1 : 0;
                out.write(0x80 | (digits.length - skip));
                out.write(digits, skip, digits.length - skip);
            }
            out.writeBytes(content);
            return out.toByteArray();
        }

        private static void base128(ByteArrayOutputStream out, long value) {
            int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
            for (int i = groups - 1; i >= 0; i--) {
                int group = (int) ((value >>> (7 * i)) & 0x7f);
                out.write(i == 0 ? group : group | 0x80);
            }
        }

        private static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                out.writeBytes(part);
            }
            return out.toByteArray();
        }
    }
}
