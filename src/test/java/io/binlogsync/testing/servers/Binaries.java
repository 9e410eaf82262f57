package io.binlogsync.testing.servers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Finds installed programs, including the sbin directories a non-login PATH often lacks. */
final class Binaries {

    private static final List<String> SYSTEM_DIRS =
            List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private Binaries() {
    }

    /** The program's path, or an error telling which apt package provides it. */
    static Path require(String program, String aptPackage) {
        for (String dir : searchPath()) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                program + " not found: run `apt-get install -y " + aptPackage + "`");
    }

    private static Set<String> searchPath() {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(SYSTEM_DIRS);
        dirs.remove("");
        return dirs;
    }
}
