package io.binlogsync.tls;

import io.binlogsync.config.ClientCertificate;
import io.binlogsync.config.ServerTrust;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The TLS context of a client link (Elasticsearch, the source, Redis): it trusts what {@link ServerTrust} names,
 * checks the host name when asked to, and presents a client certificate where one is configured. The one home for
 * turning TLS settings into a context.
 */
public final class TlsContexts {
    /** The in-memory key store's password; it never leaves this class's key managers. */
    private static final char[] IN_MEMORY = "binlog-sync".toCharArray();

    private TlsContexts() {
    }

    /**
     * @param checkHostName whether the server's certificate must name the host connected to (after its chain is
     *                      trusted); {@code verify-ca} modes switch it off
     */
    public static SSLContext client(ServerTrust trust, boolean checkHostName, Optional<ClientCertificate> client,
                                    TrustAdvice advice) {
        return context(trustManager(trust, checkHostName, advice), client);
    }

    /**
     * A context that encrypts but accepts any server certificate (MySQL's {@code ssl-mode=REQUIRED}): it protects
     * against listeners, not against a machine in the middle. Presents the client certificate where one is set.
     */
    public static SSLContext encryptedOnly(Optional<ClientCertificate> client, TrustAdvice advice) {
        return context(ServerTrustManager.any(advice), client);
    }

    private static SSLContext context(ServerTrustManager manager, Optional<ClientCertificate> client) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(client.map(TlsContexts::keyManagers).orElse(null), new TrustManager[]{manager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make TLS connections: " + e.getMessage(), e);
        }
    }

    private static ServerTrustManager trustManager(ServerTrust trust, boolean checkHostName, TrustAdvice advice) {
        if (trust instanceof ServerTrust.Fingerprint fingerprint) {
            return ServerTrustManager.fingerprint(fingerprint.sha256(), checkHostName, advice);
        }
        if (trust instanceof ServerTrust.CaFile caFile) {
            String setting = advice.section() + ".ca-file";
            return ServerTrustManager.pkix(pkix(caStore(caFile, setting)), "a certificate signed by the CA in "
                    + caFile.file() + " (" + setting + ")", checkHostName, advice);
        }
        return ServerTrustManager.pkix(pkix(null), "a certificate signed by a CA of the Java system trust store ("
                + advice.section() + ".ca-file is not set)", checkHostName, advice);
    }

    private static KeyStore caStore(ServerTrust.CaFile caFile, String setting) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate certificate : PemFiles.certificates(caFile.file(), setting)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            return store;
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot hold the CA certificates of " + setting + ": " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(ClientCertificate client) {
        List<X509Certificate> chain = PemFiles.certificates(client.certificateFile(), client.settingPath());
        PrivateKey key = PemFiles.privateKey(client.keyFile(), client.keyPassphrase(), client.settingPath()
                .replace("certificate-file", "key-file"));
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, IN_MEMORY, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, IN_MEMORY);
            return factory.getKeyManagers();
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the key in " + client.keyFile() + " does not fit the certificate in "
                    + client.certificateFile() + " (" + client.settingPath() + "): " + e.getMessage(), e);
        }
    }

    /** The JDK's PKIX trust manager over {@code store}, or over the system trust store when it is null. */
    private static X509TrustManager pkix(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return Arrays.stream(factory.getTrustManagers())
                    .filter(X509TrustManager.class::isInstance).map(X509TrustManager.class::cast)
                    .findFirst().orElseThrow(() -> new IllegalStateException("the JVM has no X.509 trust manager"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up certificate checks: " + e.getMessage(), e);
        }
    }
}
