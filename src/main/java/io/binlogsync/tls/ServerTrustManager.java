package io.binlogsync.tls;

import io.binlogsync.config.ServerTrust;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Accepts the certificates of a link's servers as {@link ServerTrust} says (signed by a CA of a file or of the
 * system trust store, or a chain holding a certificate with a given SHA-256 fingerprint), then checks that the
 * certificate names the host. A refusal is an {@link UntrustedCertificateException} naming the host, what was
 * expected and what was presented, instead of the JDK's "PKIX path building failed".
 */
final class ServerTrustManager extends X509ExtendedTrustManager {

    /** Throws if the chain is not trusted; the message is the JDK's reason or ours. */
    @FunctionalInterface
    interface ChainCheck {
        void check(X509Certificate[] chain, String authType) throws CertificateException;
    }

    private static final DefaultHostnameVerifier HOST_NAMES = new DefaultHostnameVerifier();
    /** The JDK's reasons quote the class of an inner exception, "sun.security...SunCertPathBuilderException: ". */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z0-9]+\\.)+[A-Za-z0-9]+Exception: ");

    private final ChainCheck chainCheck;
    private final String expected;
    private final String fix;
    private final boolean checkHostName;
    private final TrustAdvice advice;

    /** @param expected what a trusted chain looks like, e.g. "a certificate signed by the CA in /etc/ca.crt" */
    private ServerTrustManager(ChainCheck chainCheck, String expected, String fix, boolean checkHostName,
                               TrustAdvice advice) {
        this.chainCheck = chainCheck;
        this.expected = expected;
        this.fix = fix;
        this.checkHostName = checkHostName;
        this.advice = advice;
    }

    /** Trusts a chain of which any certificate has this SHA-256 fingerprint (64 lower-case hex digits). */
    static ServerTrustManager fingerprint(String sha256, boolean checkHostName, TrustAdvice advice) {
        return new ServerTrustManager((chain, authType) -> {
            if (chain == null || Arrays.stream(chain).noneMatch(c -> PresentedCertificates.sha256(c).equals(sha256))) {
                throw new CertificateException("no certificate of the chain has that fingerprint");
            }
        }, "a chain holding the certificate with SHA-256 fingerprint " + sha256 + " (" + advice.section()
                + ".ca-fingerprint)", advice.fingerprintFix(), checkHostName, advice);
    }

    /** Trusts every certificate: encryption without authentication, MySQL's {@code ssl-mode=REQUIRED}. */
    static ServerTrustManager any(TrustAdvice advice) {
        return new ServerTrustManager((chain, authType) -> { }, "any certificate", "", false, advice);
    }

    /** Trusts what {@code pkix} trusts: the CAs of a file, or of the system trust store. */
    static ServerTrustManager pkix(X509TrustManager pkix, String expected, boolean checkHostName, TrustAdvice advice) {
        return new ServerTrustManager(pkix::checkServerTrusted, expected, advice.caFix(), checkHostName, advice);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authType, engine == null ? null : engine.getPeerHost(), engine == null ? -1 : engine.getPeerPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, authType, peerHost(socket), socket == null ? -1 : socket.getPort());
    }

    /** The name the socket was opened to (what the certificate must list), else its address. */
    private static String peerHost(Socket socket) {
        if (socket instanceof SSLSocket tls && tls.getHandshakeSession() != null
                && tls.getHandshakeSession().getPeerHost() != null) {
            return tls.getHandshakeSession().getPeerHost();
        }
        return socket == null || socket.getInetAddress() == null ? null : socket.getInetAddress().getHostAddress();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, null, -1);
    }

    private void check(X509Certificate[] chain, String authType, String host, int port)
            throws UntrustedCertificateException {
        String where = host == null ? advice.server() : host + (port > 0 ? ":" + port : "");
        try {
            chainCheck.check(chain, authType);
        } catch (CertificateException | RuntimeException e) {
            throw new UntrustedCertificateException("the certificate of " + where + " is not trusted ("
                    + CLASS_NAME.matcher(String.valueOf(e.getMessage())).replaceAll("")
                    + "): expected " + expected + ", found " + PresentedCertificates.describe(chain) + "; " + fix, e);
        }
        if (checkHostName && host != null) {
            try {
                HOST_NAMES.verify(host, chain[0]);
            } catch (SSLException e) {
                throw new UntrustedCertificateException("the certificate of " + where + " is trusted but is not made"
                        + " out to that host name (" + e.getMessage() + "); found " + PresentedCertificates.describe(
                        new X509Certificate[]{chain[0]}) + "; " + advice.hostNameFix(host), e);
            }
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("binlog-sync does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("binlog-sync does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("binlog-sync does not accept client connections");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
