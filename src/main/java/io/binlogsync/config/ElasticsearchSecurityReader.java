package io.binlogsync.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads how binlog-sync authenticates to the cluster (user and password, or an API key; each secret written in the
 * file, taken from the environment with {@code ${?VARIABLE}}, or read from a file of its own) and which server
 * certificates it trusts. Settings that contradict each other are refused, named by their path.
 */
final class ElasticsearchSecurityReader {

    private static final Pattern HEX_PAIRS = Pattern.compile("[0-9a-fA-F]{2}(:?[0-9a-fA-F]{2})*");

    private ElasticsearchSecurityReader() {
    }

    /** User and password, an API key, or none; empty after reporting a problem. */
    static Optional<ElasticsearchCredentials> credentials(Section elasticsearch) {
        Optional<String> username = elasticsearch.optionalString("username", false);
        Optional<SecretFile.Secret> password = SecretFile.inlineOrFile(elasticsearch, "password");
        Optional<SecretFile.Secret> apiKey = SecretFile.inlineOrFile(elasticsearch, "api-key");
        if (password.isPresent() && password.get().broken() || apiKey.isPresent() && apiKey.get().broken()) {
            return Optional.empty();
        }
        if (apiKey.isPresent()) {
            if (username.isPresent() || password.isPresent()) {
                elasticsearch.problem(apiKey.get().key(), "an API key and "
                        + (username.isPresent() ? "username" : password.get().key()) + " are both set; an API key"
                        + " authenticates on its own: remove username and password, or remove the API key");
                return Optional.empty();
            }
            return apiKey(elasticsearch, apiKey.get());
        }
        if (username.isPresent() && password.isEmpty()) {
            elasticsearch.problem("password", "username is set but password is not; set"
                    + " password = ${?BINLOG_SYNC_ES_PASSWORD} and export it, or password-file, or remove username");
            return Optional.empty();
        }
        if (password.isPresent() && username.isEmpty()) {
            elasticsearch.problem("username", password.get().key() + " is set but username is not; set username too,"
                    + " or remove " + password.get().key());
            return Optional.empty();
        }
        return Optional.of(username.<ElasticsearchCredentials>map(user ->
                new ElasticsearchCredentials.Basic(user, password.orElseThrow().value()))
                .orElse(new ElasticsearchCredentials.None()));
    }

    /** The CA file, the fingerprint, or the system trust store; empty after reporting a problem. */
    static Optional<ServerTrust> trust(Section elasticsearch, Optional<List<URI>> hosts) {
        Optional<String> caFile = elasticsearch.optionalString("ca-file", false);
        Optional<String> fingerprint = elasticsearch.optionalString("ca-fingerprint", false);
        if (caFile.isPresent() && fingerprint.isPresent()) {
            elasticsearch.problem("ca-fingerprint", "ca-file and ca-fingerprint are both set; keep one: the CA file"
                    + " checks the whole chain, the fingerprint trusts a chain holding that certificate");
            return Optional.empty();
        }
        Optional<String> key = caFile.map(file -> "ca-file").or(() -> fingerprint.map(text -> "ca-fingerprint"));
        if (key.isPresent() && hosts.isPresent()
                && hosts.get().stream().noneMatch(host -> host.getScheme().equals("https"))) {
            elasticsearch.problem(key.get(), key.get() + " is set but every host is http://, so no certificate is"
                    + " checked; write the hosts as https://host:port, or remove " + key.get());
            return Optional.empty();
        }
        if (caFile.isPresent()) {
            return PemFileSetting.read(elasticsearch, "ca-file", caFile.get(), PemFileSetting.CERTIFICATE, "point"
                    + " ca-file at the cluster's CA certificate in PEM, e.g. a copy of Elasticsearch's"
                    + " config/certs/http_ca.crt").map(ServerTrust.CaFile::new);
        }
        if (fingerprint.isPresent()) {
            return fingerprint(elasticsearch, fingerprint.get());
        }
        return Optional.of(new ServerTrust.SystemTrustStore());
    }

    /** {@code id:key} as Elasticsearch shows them apart, or the base64 "encoded" form of the same. */
    private static Optional<ElasticsearchCredentials> apiKey(Section elasticsearch, SecretFile.Secret apiKey) {
        String text = apiKey.value().strip();
        int colon = text.indexOf(':');
        if (colon > 0 && colon < text.length() - 1) {
            return Optional.of(ElasticsearchCredentials.ApiKey.of(text.substring(0, colon), text.substring(colon + 1)));
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
            int decodedColon = decoded.indexOf(':');
            if (decodedColon > 0 && decodedColon < decoded.length() - 1) {
                return Optional.of(new ElasticsearchCredentials.ApiKey(text));
            }
        } catch (IllegalArgumentException e) {
            // not base64: reported below
        }
        elasticsearch.problem(apiKey.key(), "the API key (value not shown) is neither id:key nor the base64 encoded"
                + " form of id:key; write the `id` and `api_key` of Elasticsearch's answer joined by a colon, or its"
                + " `encoded` field");
        return Optional.empty();
    }

    private static Optional<ServerTrust> fingerprint(Section elasticsearch, String text) {
        String trimmed = text.strip();
        String hex = trimmed.replace(":", "").toLowerCase(Locale.ROOT);
        if (!HEX_PAIRS.matcher(trimmed).matches() || hex.length() != 64) {
            elasticsearch.problem("ca-fingerprint", "`" + ConfigValueText.abbreviated(trimmed) + "` is not a SHA-256"
                    + " fingerprint; write the 64 hex digits (colons allowed) that Elasticsearch printed at its first"
                    + " start, or those of `openssl x509 -noout -fingerprint -sha256 -in http_ca.crt`");
            return Optional.empty();
        }
        return Optional.of(new ServerTrust.Fingerprint(hex));
    }
}
