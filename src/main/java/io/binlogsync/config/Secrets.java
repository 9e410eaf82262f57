package io.binlogsync.config;

/** Keeps passwords out of text that may be logged. */
final class Secrets {

    static final String MASK = "****";

    private Secrets() {
    }

    /**
     * Masks the password in a URI's user-info: {@code redis://user:pw@host} becomes {@code redis://user:****@host}.
     * Works on text that is not a valid URI too; user-info without a colon is masked whole, since some clients
     * read {@code redis://secret@host} as a password. Errs towards masking too much.
     */
    static String maskUserInfo(String uri) {
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd < 0) {
            return uri;
        }
        int authorityStart = schemeEnd + 3;
        // Not stopping at '/': an unencoded '/' in a password must not end the search early and leak the rest.
        int authorityEnd = indexOfAny(uri, "?#", authorityStart);
        int at = uri.lastIndexOf('@', authorityEnd - 1);
        if (at < authorityStart) {
            return uri;
        }
        String userInfo = uri.substring(authorityStart, at);
        int colon = userInfo.indexOf(':');
        String masked = colon < 0 ? MASK : userInfo.substring(0, colon + 1) + MASK;
        return uri.substring(0, authorityStart) + masked + uri.substring(at);
    }

    private static int indexOfAny(String text, String characters, int from) {
        for (int i = from; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
