package io.binlogsync.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A file a server writes its process id into. */
record PidFile(Path path) {

    /** The live process named by the file, if the file exists and holds a number. */
    Optional<ProcessHandle> process() {
        try {
            return Files.isRegularFile(path)
                    ? ProcessHandle.of(Long.parseLong(Files.readString(path).strip())).filter(ProcessHandle::isAlive)
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // being written, or unreadable: no process to signal
        }
    }

    /** Removes the file once its process is gone, so the number is never used after being reused. */
    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
