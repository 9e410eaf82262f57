package io.binlogsync.config;

import static io.binlogsync.config.ConfigTestSupport.assertProblem;
import static io.binlogsync.config.ConfigTestSupport.parse;
import static io.binlogsync.config.ConfigTestSupport.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.binlogsync.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** source.tls and the RSA key settings: what they read into, and every contradiction refused at its path. */
class SourceTlsConfigTest {

    private static final String PASSPHRASE = "pass-phrase-71c";
    private static final String REST = """
            state.file = "/tmp/binlog-sync-state.json"
            mappings = [{ table = "shop.products", index = "products" }]
            """;

    @TempDir
    Path dir;
    private Path ca;
    private Path certificate;
    private Path key;

    @BeforeEach
    void files() {
        TestCertificates.Authority authority = TestCertificates.authority("test CA");
        ca = authority.writePem(dir.resolve("ca.pem"));
        TestCertificates.ServerCertificate client = authority.issue("client", List.of(), List.of());
        certificate = client.writePem(dir.resolve("client.pem"));
        key = client.writeKeyPem(dir.resolve("client-key.pem"));
    }

    private static String source(String more) {
        return "source { user = \"sync\", password = \"pw\", server-id = 4201" + (more.isEmpty() ? "" : ", " + more)
                + " }\n" + REST;
    }

    @Test
    void theDefaultIsDisabledSoConfigsWrittenBeforeTlsKeepWorking() {
        SourceConfig source = parse(source("")).source();
        assertEquals(SourceTls.DISABLED, source.tls());
        assertEquals(SourcePublicKey.NONE, source.publicKey());
    }

    @Test
    void verifyIdentityWithACaFileAndAClientCertificateWithAnEncryptedKey() throws Exception {
        Path passphrase = Files.writeString(dir.resolve("passphrase"), PASSPHRASE + "\n");
        SourceConfig source = parse(source("tls { mode = verify-identity, ca-file = \"" + ca + "\", certificate-file = \""
                + certificate + "\", key-file = \"" + key + "\", key-passphrase-file = \"" + passphrase + "\" }"))
                .source();
        assertEquals(SourceTls.Mode.VERIFY_IDENTITY, source.tls().mode());
        assertEquals(Optional.of(ca), source.tls().caFile());
        ClientCertificate client = source.tls().client().orElseThrow();
        assertEquals(certificate, client.certificateFile());
        assertEquals(Optional.of(PASSPHRASE), client.keyPassphrase());
        assertEquals("source.tls.certificate-file", client.settingPath());
        assertFalse(source.toString().contains(PASSPHRASE), source.toString());
    }

    @Test
    void verifyModesWithoutACaFileTrustTheSystemStore() {
        SourceTls tls = parse(source("tls.mode = verify-ca")).source().tls();
        assertEquals(new ServerTrust.SystemTrustStore(), tls.trust());
    }

    @Test
    void anUnknownModeListsTheModes() {
        assertProblem(problems(source("tls.mode = preferred")), "source.tls.mode", "`preferred` is not a TLS mode",
                "disabled, required, verify-ca, verify-identity");
    }

    @Test
    void filesWithTlsDisabledAreRefusedEachAtItsPath() {
        List<ConfigProblem> problems = problems(source("tls { ca-file = \"" + ca + "\", certificate-file = \""
                + certificate + "\", key-file = \"" + key + "\" }"));
        assertProblem(problems, "source.tls.ca-file", "mode is disabled", "set mode = verify-identity");
        assertProblem(problems, "source.tls.certificate-file", "mode is disabled");
        assertProblem(problems, "source.tls.key-file", "mode is disabled");
    }

    @Test
    void aCaFileWithRequiredIsRefusedSinceRequiredChecksNoCertificate() {
        assertProblem(problems(source("tls { mode = required, ca-file = \"" + ca + "\" }")), "source.tls.ca-file",
                "mode = required accepts any certificate", "set mode = verify-identity (or verify-ca)");
    }

    @Test
    void aCertificateWithoutItsKeyAndAPassphraseWithoutAKeyAreRefused() {
        assertProblem(problems(source("tls { mode = required, certificate-file = \"" + certificate + "\" }")),
                "source.tls.key-file", "certificate-file is set but key-file is not");
        assertProblem(problems(source("tls { mode = required, key-passphrase = \"" + PASSPHRASE + "\" }")),
                "source.tls.key-passphrase", "key-file is not");
        assertFalse(problems(source("tls { mode = required, key-passphrase = \"" + PASSPHRASE + "\" }")).toString()
                .contains(PASSPHRASE));
    }

    @Test
    void unreadableOrNonPemFilesAreNamed() throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.txt"), "hello");
        assertProblem(problems(source("tls { mode = verify-ca, ca-file = \"" + notPem + "\" }")), "source.tls.ca-file",
                notPem.toString(), "holds no -----BEGIN CERTIFICATE----- block");
        Path missing = dir.resolve("missing.pem");
        assertProblem(problems(source("tls { mode = verify-ca, ca-file = \"" + missing + "\" }")),
                "source.tls.ca-file", "cannot read " + missing);
    }

    @Test
    void aPublicKeyFileNeedsRetrievalAllowedBecauseTheBinlogClientCannotTakeOne() throws Exception {
        Path publicKey = Files.writeString(dir.resolve("public_key.pem"),
                "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n");
        assertProblem(problems(source("server-public-key-file = \"" + publicKey + "\"")),
                "source.server-public-key-file", "only the JDBC link can use it",
                "mysql-binlog-connector-java 0.30.1", "allow-public-key-retrieval = true", "source.tls.mode");

        SourcePublicKey key = parse(source("server-public-key-file = \"" + publicKey + "\","
                + " allow-public-key-retrieval = true")).source().publicKey();
        assertEquals(new SourcePublicKey(Optional.of(publicKey), true), key);
        assertTrue(parse(source("allow-public-key-retrieval = true")).source().publicKey().allowRetrieval());
    }

    @Test
    void rsaKeySettingsOverTlsAreRefusedAsUnused() {
        assertProblem(problems(source("allow-public-key-retrieval = true, tls.mode = required")),
                "source.allow-public-key-retrieval", "over TLS the password needs no RSA key");
        assertProblem(problems(source("allow-public-key-retrieval = maybe")), "source.allow-public-key-retrieval",
                "true or false");
    }

    @Test
    void aMisspeltTlsKeyIsSuggested() {
        assertProblem(problems(source("tls { mode = verify-ca, cafile = \"" + ca + "\" }")), "source.tls.cafile",
                "did you mean `ca-file`?");
    }
}
