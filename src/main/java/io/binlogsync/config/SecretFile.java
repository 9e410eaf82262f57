package io.binlogsync.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.AccessDeniedException;
import java.util.Optional;

/**
 * A secret kept in a file of its own, such as the files systemd's {@code LoadCredential=} puts in
 * {@code $CREDENTIALS_DIRECTORY}. The trailing line break editors add is not part of the secret.
 */
final class SecretFile {

    /** A secret set either as {@code key} or as {@code key-file} (which {@link #key} names); broken after a problem. */
    record Secret(String key, String value, boolean broken) {
    }

    private SecretFile() {
    }

    /**
     * The secret set as {@code key} (inline, usually {@code ${?ENV}}) or read from the file {@code key-file} names;
     * both at once is a problem. Empty when neither is set.
     */
    static Optional<Secret> inlineOrFile(Section section, String key) {
        String fileKey = key + "-file";
        Optional<String> inline = section.optionalString(key, true);
        Optional<String> file = section.optionalString(fileKey, false);
        if (inline.isPresent() && file.isPresent()) {
            section.problem(fileKey, key + " and " + fileKey + " are both set; keep one");
            return Optional.of(new Secret(fileKey, "", true));
        }
        if (file.isPresent()) {
            return Optional.of(read(section, fileKey, file.get())
                    .map(value -> new Secret(fileKey, value, false))
                    .orElse(new Secret(fileKey, "", true)));
        }
        return inline.map(value -> new Secret(key, value, false));
    }

    /** The secret in the file named by {@code key}, or empty after reporting why it cannot be used. */
    static Optional<String> read(Section section, String key, String fileText) {
        Path file = Path.of(fileText);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            section.problem(key, "file " + file + " does not exist; create it, or point " + key + " at the file"
                    + " holding the secret (with systemd: LoadCredential= and ${CREDENTIALS_DIRECTORY}/name)");
            return Optional.empty();
        } catch (AccessDeniedException e) {
            section.problem(key, "file " + file + " cannot be read by this user; let binlog-sync's user read it"
                    + " (e.g. chmod 640 and the daemon's group, or systemd's LoadCredential=)");
            return Optional.empty();
        } catch (IOException e) {
            // the exception names the file and the reason, never the content
            section.problem(key, "file " + file + " cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); make it a readable text file");
            return Optional.empty();
        }
        ReadableByOthers.warnAbout(file, "secret file");
        String secret = withoutTrailingLineBreaks(text);
        if (secret.isEmpty()) {
            section.problem(key, "file " + file + " is empty; write the secret into it (one line)");
            return Optional.empty();
        }
        return Optional.of(secret);
    }

    private static String withoutTrailingLineBreaks(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}
