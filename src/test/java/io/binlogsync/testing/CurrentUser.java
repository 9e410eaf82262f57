package io.binlogsync.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this JVM runs as root, which decides how servers that refuse root are started. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static boolean isRoot() {
        try {
            // /proc/self belongs to the effective uid of this process.
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
