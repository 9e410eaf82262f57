package io.binlogsync.config;

import static io.binlogsync.config.ConfigTestSupport.MINIMAL;
import static io.binlogsync.config.ConfigTestSupport.assertOnlyProblem;
import static io.binlogsync.config.ConfigTestSupport.parse;
import static io.binlogsync.config.ConfigTestSupport.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** elasticsearch.{password-file, api-key, api-key-file, ca-file, ca-fingerprint}: read, checked, never shown. */
class ElasticsearchSecurityConfigTest {

    private static final String HTTPS = "elasticsearch.hosts = [\"https://127.0.0.1:9200\"]\n";
    private static final String SECRET = "s3cr3t-Pa55";
    /** Elasticsearch's create-API-key example: id, api_key and the encoded form. */
    private static final String API_KEY_ID_AND_KEY = "VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw";
    private static final String API_KEY_ENCODED = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";
    private static final String FINGERPRINT = "3a5f0c8e1b2d4f6a7c9e0b1d3f5a7c9e1b3d5f7a9c0e2b4d6f8a0c2e4b6d8f0a";

    @TempDir
    Path dir;

    @Test
    void withoutSecuritySettingsThereAreNoCredentialsAndTheSystemTrustStore() {
        ElasticsearchConfig config = parse(MINIMAL).elasticsearch();

        assertEquals(new ElasticsearchCredentials.None(), config.credentials());
        assertEquals(new ServerTrust.SystemTrustStore(), config.trust());
    }

    @Test
    void readsThePasswordFromAFileWithoutItsTrailingLineBreak() throws Exception {
        Path file = Files.writeString(dir.resolve("es-password"), SECRET + "\r\n");

        ElasticsearchConfig config = parse(MINIMAL + "elasticsearch { username = sync, password-file = \"" + file
                + "\" }\n").elasticsearch();

        assertEquals(new ElasticsearchCredentials.Basic("sync", SECRET), config.credentials());
        assertFalse(config.toString().contains(SECRET), config.toString());
    }

    @Test
    void aMissingOrEmptySecretFileIsNamed() throws Exception {
        Path missing = dir.resolve("nothing-here");
        assertOnlyProblem("elasticsearch { username = sync, password-file = \"" + missing + "\" }\n",
                "elasticsearch.password-file", missing.toString(), "does not exist", "LoadCredential=");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertOnlyProblem("elasticsearch { api-key-file = \"" + empty + "\" }\n",
                "elasticsearch.api-key-file", empty.toString(), "is empty");
    }

    @Test
    void anApiKeyIsIdColonKeyOrTheEncodedForm() throws Exception {
        ElasticsearchCredentials expected = new ElasticsearchCredentials.ApiKey(API_KEY_ENCODED);

        assertEquals(expected, parse(MINIMAL + "elasticsearch.api-key = \"" + API_KEY_ID_AND_KEY + "\"\n")
                .elasticsearch().credentials());
        assertEquals(expected, parse(MINIMAL + "elasticsearch.api-key = \"" + API_KEY_ENCODED + "\"\n")
                .elasticsearch().credentials());
        assertEquals(expected, ConfigLoader.parse(MINIMAL + "elasticsearch.api-key = ${?BINLOG_SYNC_ES_API_KEY}\n",
                ConfigTestSupport.ORIGIN, Map.of("BINLOG_SYNC_ES_API_KEY", API_KEY_ID_AND_KEY))
                .elasticsearch().credentials());
        Path file = Files.writeString(dir.resolve("api-key"), API_KEY_ENCODED + "\n");
        assertEquals(expected, parse(MINIMAL + "elasticsearch.api-key-file = \"" + file + "\"\n")
                .elasticsearch().credentials());
    }

    @Test
    void anApiKeyThatIsNeitherFormIsRefusedWithoutShowingIt() {
        ConfigProblem problem = assertOnlyProblem("elasticsearch.api-key = \"" + SECRET + "\"\n",
                "elasticsearch.api-key", "neither id:key nor the base64 encoded form");

        assertFalse(problem.text().contains(SECRET), problem.text());
    }

    @Test
    void contradictionsAreRefusedAtTheirPath() throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), SECRET);
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nMII=\n"
                + "-----END CERTIFICATE-----\n");
        assertOnlyProblem("elasticsearch { username = sync, password = pw, api-key = \"" + API_KEY_ID_AND_KEY
                + "\" }\n", "elasticsearch.api-key", "username", "on its own");
        assertOnlyProblem("elasticsearch { username = sync, api-key-file = \"" + file + "\" }\n",
                "elasticsearch.api-key-file", "username", "on its own");
        assertOnlyProblem("elasticsearch { username = sync, password = pw, password-file = \"" + file + "\" }\n",
                "elasticsearch.password-file", "password and password-file are both set");
        assertOnlyProblem("elasticsearch { api-key = \"" + API_KEY_ID_AND_KEY + "\", api-key-file = \"" + file
                + "\" }\n", "elasticsearch.api-key-file", "api-key and api-key-file are both set");
        assertOnlyProblem("elasticsearch { password-file = \"" + file + "\" }\n", "elasticsearch.username",
                "password-file is set but username is not");
        assertOnlyProblem("elasticsearch { username = sync }\n", "elasticsearch.password",
                "username is set but password is not", "password-file");
        assertOnlyProblem(HTTPS + "elasticsearch { ca-file = \"" + ca + "\", ca-fingerprint = " + FINGERPRINT
                + " }\n", "elasticsearch.ca-fingerprint", "ca-file and ca-fingerprint are both set");
        assertOnlyProblem("elasticsearch { ca-fingerprint = " + FINGERPRINT + " }\n",
                "elasticsearch.ca-fingerprint", "every host is http://", "https://");
    }

    @Test
    void aFingerprintIsSha256HexWithOrWithoutColons() {
        String withColons = String.join(":", FINGERPRINT.toUpperCase().split("(?<=\\G..)"));

        assertEquals(new ServerTrust.Fingerprint(FINGERPRINT), parse(MINIMAL + HTTPS
                + "elasticsearch.ca-fingerprint = \"" + withColons + "\"\n").elasticsearch().trust());
        assertEquals(new ServerTrust.Fingerprint(FINGERPRINT), parse(MINIMAL + HTTPS
                + "elasticsearch.ca-fingerprint = " + FINGERPRINT + "\n").elasticsearch().trust());
        assertOnlyProblem(HTTPS + "elasticsearch.ca-fingerprint = " + FINGERPRINT.substring(2) + "\n",
                "elasticsearch.ca-fingerprint", "not a SHA-256 fingerprint", "64 hex digits");
        assertOnlyProblem(HTTPS + "elasticsearch.ca-fingerprint = \"SHA256 Fingerprint=" + withColons + "\"\n",
                "elasticsearch.ca-fingerprint", "not a SHA-256 fingerprint");
    }

    @Test
    void theCaFileMustBeAReadablePemFile() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nMII=\n"
                + "-----END CERTIFICATE-----\n");
        assertEquals(new ServerTrust.CaFile(ca), parse(MINIMAL + HTTPS + "elasticsearch.ca-file = \"" + ca + "\"\n")
                .elasticsearch().trust());

        Path missing = dir.resolve("missing.pem");
        assertOnlyProblem(HTTPS + "elasticsearch.ca-file = \"" + missing + "\"\n", "elasticsearch.ca-file",
                missing.toString(), "http_ca.crt");
        Path notPem = Files.writeString(dir.resolve("ca.der"), "binary");
        assertOnlyProblem(HTTPS + "elasticsearch.ca-file = \"" + notPem + "\"\n", "elasticsearch.ca-file",
                notPem.toString(), "holds no -----BEGIN CERTIFICATE----- block");
    }

    @Test
    void noSecretInAnyProblemOrToString() throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), SECRET);
        List<ConfigProblem> problems = problems(MINIMAL + "elasticsearch { username = sync, password = \"" + SECRET
                + "\", password-file = \"" + file + "\", api-key = \"" + SECRET + "\" }\n");
        for (ConfigProblem problem : problems) {
            assertFalse(problem.text().contains(SECRET), problem.text());
        }
        String apiKeyConfig = parse(MINIMAL + "elasticsearch.api-key = \"" + API_KEY_ID_AND_KEY + "\"\n")
                .toString();
        assertFalse(apiKeyConfig.contains(API_KEY_ENCODED) || apiKeyConfig.contains("ui2lp2axTNmsyakw9tvNnw"),
                apiKeyConfig);
        assertTrue(apiKeyConfig.contains("api-key=****"), apiKeyConfig);
    }
}
