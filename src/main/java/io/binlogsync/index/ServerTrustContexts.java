package io.binlogsync.index;

import io.binlogsync.config.ServerTrust;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Collection;

/** The TLS context for {@code https://} hosts, trusting what {@link ServerTrust} names. */
final class ServerTrustContexts {

    private static final String CA_FIX = "if this is the cluster, set elasticsearch.ca-file to its CA certificate"
            + " (Elasticsearch 8 keeps it in config/certs/http_ca.crt) or elasticsearch.ca-fingerprint to its"
            + " SHA-256 fingerprint";

    private ServerTrustContexts() {
    }

    static SSLContext of(ServerTrust trust) {
        ServerTrustManager manager;
        if (trust instanceof ServerTrust.Fingerprint fingerprint) {
            manager = ServerTrustManager.fingerprint(fingerprint.sha256());
        } else if (trust instanceof ServerTrust.CaFile caFile) {
            manager = ServerTrustManager.pkix(pkix(caCertificates(caFile.file())), "a certificate signed by the CA in "
                    + caFile.file() + " (elasticsearch.ca-file)", CA_FIX);
        } else {
            manager = ServerTrustManager.pkix(pkix(null), "a certificate signed by a CA of the Java system trust store"
                    + " (neither elasticsearch.ca-file nor ca-fingerprint is set)", CA_FIX);
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{manager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make TLS connections: " + e.getMessage(), e);
        }
    }

    /** A key store holding every certificate of the PEM file. */
    private static KeyStore caCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalStateException("elasticsearch.ca-file " + file + " holds no certificate; point it at"
                        + " the cluster's CA certificate in PEM (config/certs/http_ca.crt)");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificates of elasticsearch.ca-file " + file + " ("
                    + e.getMessage() + "); point it at the cluster's CA certificate in PEM"
                    + " (config/certs/http_ca.crt)", e);
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
