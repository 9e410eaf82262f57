package io.binlogsync.tls;

import java.security.cert.CertificateException;

/**
 * A host presented a certificate that the configured trust does not accept. Retrying cannot help: the message
 * names the host, what was expected and what was found, and how to fix the setting.
 */
public final class UntrustedCertificateException extends CertificateException {

    public UntrustedCertificateException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first such exception among {@code failure} and its causes, if the failure was a refused certificate. */
    public static java.util.Optional<UntrustedCertificateException> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UntrustedCertificateException untrusted) {
                return java.util.Optional.of(untrusted);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return java.util.Optional.empty();
    }
}
