package io.binlogsync.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The chain a server presented, described for an operator: subject, issuer and SHA-256 fingerprint of each. */
public final class PresentedCertificates {

    private PresentedCertificates() {
    }

    /** 64 lower-case hex digits, the form Elasticsearch prints. */
    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute the SHA-256 fingerprint of " + subject(certificate), e);
        }
    }

    public static String describe(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return "no certificate";
        }
        return IntStream.range(0, chain.length)
                .mapToObj(i -> (i == 0 ? "" : "chain[" + i + "] ") + "subject \"" + subject(chain[i])
                        + "\" issued by \"" + chain[i].getIssuerX500Principal().getName() + "\" with SHA-256 fingerprint "
                        + sha256(chain[i]))
                .collect(Collectors.joining("; "));
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
