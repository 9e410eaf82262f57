package io.binlogsync.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns about a config or secret file that every user of the machine may read: it holds or points to credentials.
 * Only the "other" permission bits count; a group is how the daemon's own account is usually given access.
 */
final class ReadableByOthers {
    private static final Logger log = LoggerFactory.getLogger(ReadableByOthers.class);

    private ReadableByOthers() {
    }

    /** Logs {@link #warning} at WARN, if there is one. */
    static void warnAbout(Path file, String what) {
        warning(file, what).ifPresent(log::warn);
    }

    /** The warning for {@code file} (a {@code what}, e.g. "secret file"), or empty when others cannot read it. */
    static Optional<String> warning(Path file, String what) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty();
        }
        if (!permissions.contains(PosixFilePermission.OTHERS_READ)) {
            return Optional.empty();
        }
        Path path = file.toAbsolutePath();
        return Optional.of(what + " " + path + " is readable by every user of this machine; restrict it with: chmod o-rwx "
                + path);
    }
}
