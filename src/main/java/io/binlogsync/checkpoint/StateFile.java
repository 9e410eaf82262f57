package io.binlogsync.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.BinlogPosition;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The saved position on disk, as a small JSON document. Written atomically: a temporary file beside it is written
 * and fsynced, renamed over the old one, and the directory is fsynced, so a crash or power loss leaves either the
 * old state or the new one, never a mix. A file that exists but cannot be read is an error, never "no state".
 */
public final class StateFile {
    private static final int FORMAT = 1;

    private final Path file;
    private final JsonDocumentFile<Checkpoint> document;

    public StateFile(Path file) {
        Path absolute = file.toAbsolutePath();
        this.file = absolute;
        this.document = new JsonDocumentFile<>(absolute, StateFile::parse, StateFile::serialize,
                new JsonDocumentFile.Wording(
                        e -> "cannot read state file " + absolute + ": " + e.getMessage() + "; check its permissions",
                        e -> "state file " + absolute + " is damaged (" + describe(e) + "). It is left as it is."
                                + " To resume, restore it from a backup or write the position by hand"
                                + " ({\"format\":1,\"binlog\":{\"file\":\"mysql-bin.000042\",\"position\":4}});"
                                + " to start afresh, move it away and set source.start (then resync the indices)",
                        e -> "cannot save the position to " + absolute + ": " + e.getMessage() + "; the previous"
                                + " state is intact. Free disk space or fix permissions, then restart"));
    }

    public Path path() {
        return file;
    }

    /** The lock file beside the state file ({@code state.json.lock}), which a running daemon holds. */
    public Path lockFile() {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    /**
     * Takes the lock that keeps a second daemon off this state file (a {@code .lock} file beside it, held until
     * closed; the operating system releases it when the process dies, so a {@code kill -9} leaves no stale lock).
     * The holder writes its process id into the lock file, for {@link #lockHolder()}.
     */
    public AutoCloseable lock() {
        Path lockFile = lockFile();
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new StateFileException("state file " + file + " is in use by another binlog-sync ("
                        + describeHolder(lockFile) + "); give each daemon its own state.file", null);
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 0);
            java.nio.channels.FileLock held = lock;
            return () -> {
                held.release();
                channel.close();
            };
        } catch (IOException e) {
            throw new StateFileException("cannot lock " + lockFile + ": " + e.getMessage()
                    + "; check that the daemon's user may write in " + file.getParent(), e);
        }
    }

    /**
     * Who holds the lock now, described ("held by process 1234 through /var/lib/binlog-sync/state.json.lock"), or
     * empty when nobody does. A probe: it takes the lock for an instant when free.
     */
    public Optional<String> lockHolder() {
        Path lockFile = lockFile();
        if (!Files.exists(lockFile)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock lock = tryLock(channel);
            if (lock != null) {
                lock.release();
                return Optional.empty();
            }
            return Optional.of(describeHolder(lockFile));
        } catch (IOException e) {
            throw new StateFileException("cannot probe the lock " + lockFile + ": " + e.getMessage()
                    + "; run this as the daemon's user", e);
        }
    }

    private static java.nio.channels.FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null; // held by this very process
        }
    }

    private static String describeHolder(Path lockFile) {
        String pid;
        try {
            pid = Files.readString(lockFile, java.nio.charset.StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            pid = "";
        }
        return "held by " + (pid.matches("\\d+") ? "process " + pid : "a process") + " through " + lockFile;
    }

    /**
     * Copies the state file to {@code state.json.bak-<UTC time>} beside it (fsynced), before a hand edit replaces
     * it; empty when there is no state file to keep.
     */
    public Optional<Path> backup(Instant now) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Path backup = backupPath(now);
        try {
            AtomicFile.replace(backup, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new StateFileException("cannot keep a backup of " + file + " as " + backup + ": " + e.getMessage()
                    + "; nothing was changed. Free disk space or fix permissions of " + file.getParent(), e);
        }
        return Optional.of(backup);
    }

    /** Where {@link #backup} keeps a copy made at {@code now}: {@code state.json.bak-20261203T112233.456Z}. */
    public Path backupPath(Instant now) {
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(now);
        return file.resolveSibling(file.getFileName() + ".bak-" + stamp);
    }

    /** Removes the saved position (keep a {@link #backup} first), so that the next start is a first start. */
    public void remove() {
        try {
            Files.deleteIfExists(file);
            try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            throw new StateFileException("cannot remove " + file + ": " + e.getMessage() + "; fix permissions of "
                    + file.getParent(), e);
        }
    }

    /** The saved checkpoint, or empty when the file does not exist (a first start). */
    public Optional<Checkpoint> load() {
        return document.load();
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static Checkpoint parse(byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            throw new IOException("the file is empty");
        }
        JsonNode root = JsonDocumentFile.JSON.readTree(bytes);
        if (root == null || !root.isObject()) {
            throw new IOException("not a JSON object");
        }
        int format = root.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new IOException("unknown format " + root.path("format") + ", expected " + FORMAT);
        }
        JsonNode binlog = root.path("binlog");
        if (!binlog.path("file").isTextual() || !binlog.path("position").canConvertToLong()) {
            throw new IOException("binlog.file and binlog.position are missing");
        }
        BinlogPosition position = new BinlogPosition(binlog.get("file").asText(), binlog.get("position").asLong());
        Optional<String> gtid = root.path("gtid").isTextual() && !root.get("gtid").asText().isEmpty()
                ? Optional.of(root.get("gtid").asText()) : Optional.empty();
        Instant savedAt = root.path("saved-at").isTextual() ? Instant.parse(root.get("saved-at").asText()) : Instant.EPOCH;
        Optional<StreamOrigin> origin = Optional.empty();
        JsonNode source = root.path("source");
        if (!source.isMissingNode()) {
            if (!source.path("server-id").canConvertToLong() || !source.path("versions").isTextual()) {
                throw new IOException("source.server-id and source.versions are missing");
            }
            String versionsText = source.get("versions").asText();
            DocumentVersions versions = DocumentVersions.fromConfigValue(versionsText)
                    .orElseThrow(() -> new IOException("source.versions '" + versionsText + "' is unknown"));
            origin = Optional.of(new StreamOrigin(source.get("server-id").asLong(), versions));
        }
        return new Checkpoint(position, gtid, origin, savedAt);
    }

    /** Replaces the state with {@code checkpoint}, durably. On failure the old file is left intact. */
    public void save(Checkpoint checkpoint) {
        document.save(checkpoint);
    }

    private static ObjectNode serialize(Checkpoint checkpoint) {
        ObjectNode root = JsonDocumentFile.begin(FORMAT, "binlog", checkpoint.position(), checkpoint.gtid());
        checkpoint.origin().ifPresent(origin -> {
            ObjectNode source = root.putObject("source");
            source.put("server-id", origin.serverId());
            source.put("versions", origin.versions().configValue());
        });
        root.put("saved-at", checkpoint.savedAt().toString());
        return root;
    }
}
