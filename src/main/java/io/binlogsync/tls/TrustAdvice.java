package io.binlogsync.tls;

import java.util.Objects;

/**
 * How a refused certificate is explained for one link: which server it is and which settings fix it.
 *
 * @param server        the server as an operator calls it, e.g. "the Elasticsearch host" (used when the host is not known)
 * @param section       the config section holding the TLS settings, e.g. "elasticsearch"
 * @param caHint        where the server's CA certificate is usually found, e.g. " (Elasticsearch 8 keeps it in ...)",
 *                      or empty
 * @param fingerprints  whether the section has a {@code ca-fingerprint} setting
 * @param hostSetting   the setting that names the host connected to, e.g. "elasticsearch hosts"
 */
public record TrustAdvice(String server, String section, String caHint, boolean fingerprints, String hostSetting) {

    public static final TrustAdvice ELASTICSEARCH = new TrustAdvice("the Elasticsearch host", "elasticsearch",
            " (Elasticsearch 8 keeps it in config/certs/http_ca.crt)", true);

    /** Advice whose host setting is "{@code section} host settings". */
    public TrustAdvice(String server, String section, String caHint, boolean fingerprints) {
        this(server, section, caHint, fingerprints, section + " host settings");
    }

    public TrustAdvice {
        Objects.requireNonNull(hostSetting, "hostSetting");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(caHint, "caHint");
    }

    /** What to do when the chain is not signed by a trusted CA. */
    String caFix() {
        return "if this is the right server, set " + section + ".ca-file to its CA certificate in PEM" + caHint
                + (fingerprints ? " or " + section + ".ca-fingerprint to its SHA-256 fingerprint" : "");
    }

    /** What to do when no certificate of the chain has the configured fingerprint. */
    String fingerprintFix() {
        return "if this is the right server, set " + section + ".ca-fingerprint to the fingerprint of its CA"
                + " (`openssl x509 -noout -fingerprint -sha256 -in CA.crt` shows it; Elasticsearch prints it at its"
                + " first start)";
    }

    /** What to do when the certificate is trusted but made out to other names. */
    String hostNameFix(String host) {
        return "connect to a name or address the certificate lists in its subject alternative names (" + hostSetting
                + "), or give the server a certificate for " + host;
    }
}
