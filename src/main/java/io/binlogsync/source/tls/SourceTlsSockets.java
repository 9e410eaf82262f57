package io.binlogsync.source.tls;

import io.binlogsync.config.SourceTls;
import io.binlogsync.tls.TlsContexts;
import io.binlogsync.tls.TrustAdvice;
import io.binlogsync.tls.UntrustedCertificateException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The TLS of both links to the source, built once per {@link SourceTls} from {@link TlsContexts}: the replication
 * stream and JDBC wrap their sockets with the same context, so they trust, check host names and present client
 * certificates alike, and a refusal reads the same on both. The context is built on first use, so a key that
 * cannot be read fails the first connection (with the file and the setting) rather than the wiring.
 */
public final class SourceTlsSockets {
    static final String MODE_SETTING = "source.tls.mode";
    private static final TrustAdvice ADVICE = new TrustAdvice("the source", "source.tls",
            " (the file the server's ssl_ca setting names)", false, "source.host");
    /** MariaDB Connector/J instantiates its TLS plugin itself; it finds the context by the id in the JDBC options. */
    private static final Map<SourceTls, SourceTlsSockets> BY_SETTINGS = new ConcurrentHashMap<>();
    private static final Map<String, SourceTlsSockets> BY_ID = new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();

    private final SourceTls settings;
    private final String id;
    private volatile SSLContext context;

    private SourceTlsSockets(SourceTls settings, String id) {
        this.settings = settings;
        this.id = id;
    }

    /** The one instance for these settings. */
    public static SourceTlsSockets of(SourceTls settings) {
        return BY_SETTINGS.computeIfAbsent(settings, s -> {
            SourceTlsSockets sockets = new SourceTlsSockets(s, "source-tls-" + IDS.incrementAndGet());
            BY_ID.put(sockets.id, sockets);
            return sockets;
        });
    }

    static Optional<SourceTlsSockets> byId(String id) {
        return Optional.ofNullable(id).map(BY_ID::get);
    }

    public SourceTls settings() {
        return settings;
    }

    /** Names this instance in the JDBC options, for {@link MariadbTlsPlugin}. */
    public String id() {
        return id;
    }

    /** Upgrades a connected socket to TLS for {@code host}, the name the certificate must list. */
    public SSLSocket wrap(Socket socket, String host, int port) throws IOException {
        SSLSocket tls = (SSLSocket) context().getSocketFactory().createSocket(socket, host, port, true);
        tls.setUseClientMode(true);
        return tls;
    }

    private SSLContext context() {
        SSLContext built = context;
        if (built == null) {
            synchronized (this) {
                if (context == null) {
                    context = settings.mode().verifiesChain()
                            ? TlsContexts.client(settings.trust(), settings.mode() == SourceTls.Mode.VERIFY_IDENTITY,
                            settings.client(), ADVICE)
                            : TlsContexts.encryptedOnly(settings.client(), ADVICE);
                }
                built = context;
            }
        }
        return built;
    }

    /**
     * What an operator should read when {@code failure} ended a connection of {@code link} ("binlog stream",
     * "JDBC") for a reason of TLS: the link, the server, the mode and the setting to change. Empty when the failure
     * has nothing to do with TLS.
     */
    public Optional<String> explain(String link, String server, Throwable failure) {
        String mode = MODE_SETTING + " = " + settings.mode().configName();
        String prefix = link + " to " + server + " (" + mode + "): ";
        Optional<UntrustedCertificateException> untrusted = UntrustedCertificateException.in(failure);
        if (untrusted.isPresent()) {
            String message = untrusted.get().getMessage();
            String modeFix = settings.mode() == SourceTls.Mode.VERIFY_IDENTITY && message.contains("host name")
                    ? "; or, if the name cannot match, set " + MODE_SETTING + " = verify-ca to check the CA only" : "";
            return Optional.of(prefix + message + modeFix);
        }
        String text = messages(failure);
        if (text.contains("does not support SSL") || text.contains("ssl not enabled in the server")) {
            return Optional.of(prefix + "the server does not offer TLS; give it a certificate (ssl_cert, ssl_key and"
                    + " ssl_ca in its config) or set " + MODE_SETTING + " = disabled");
        }
        if (text.contains("insecure transport")) {
            return Optional.of(prefix + "the server accepts only TLS connections (require_secure_transport=ON); set "
                    + MODE_SETTING + " = verify-identity and source.tls.ca-file to the server's CA certificate");
        }
        if (settings.mode().encrypted() && PemProblem.in(failure).isPresent()) {
            return Optional.of(prefix + PemProblem.in(failure).get());
        }
        return Optional.empty();
    }

    /**
     * What to add to a refused login ("access denied"): servers refuse a login without TLS, or without a client
     * certificate, as they refuse a wrong password.
     */
    public String accessDeniedHint() {
        if (!settings.mode().encrypted()) {
            return "; if the server requires TLS (require_secure_transport=ON, or an account created with REQUIRE SSL"
                    + " or X509), set " + MODE_SETTING + " = verify-identity and source.tls.ca-file";
        }
        return settings.client().isEmpty() ? "; if the account is created with REQUIRE X509 (or SUBJECT/ISSUER),"
                + " set source.tls.certificate-file and key-file to a client certificate its CA signed" : "";
    }

    /** The messages of a failure and its causes, for matching what drivers say. */
    static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null && text.length() < 10_000; cause = cause.getCause()) {
            text.append(cause.getMessage()).append(" | ");
            if (cause.getCause() == cause) {
                break;
            }
        }
        return text.toString();
    }

    /** A certificate or key file that could not be read or opened (TlsContexts' errors name file and setting). */
    private static final class PemProblem {
        static Optional<String> in(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof IllegalStateException state && state.getMessage() != null
                        && state.getMessage().contains("source.tls.")) {
                    return Optional.of(state.getMessage());
                }
                if (cause.getCause() == cause) {
                    break;
                }
            }
            return Optional.empty();
        }
    }
}
