package io.binlogsync.related;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlogsync.checkpoint.AtomicFile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rebuilds the side lane owes, kept in files in a directory beside the state file ({@code <state>.rebuilds}),
 * one per batch that asked for any. A job's file is written (and synced) before its batch is acknowledged, so
 * before the position passes the change that asked for it, and removed only once every document it names is
 * written: a daemon that stops (or is killed) between the two does the job again at its next start.
 */
public final class RebuildJobs {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Documents of {@code mapping} whose {@code column} holds one of {@code values} (each as its text), to read in
     * snapshots that hold the change that asked for them: the one at {@code binlogFile}:{@code binlogOffset} of the
     * server it was read from, and, with GTID versions, with GTID sequence number {@code gtidSequence} (null with
     * binlog-position versions, and in job files saved before it was kept), which any server of the replication
     * topology can be asked for (see {@link ChangePoint}). With {@code everyDocument} (a related table was
     * truncated, or altered in a way that may rewrite values joins read) every document of the mapping instead, paged
     * by its table's key ({@code column} then names the statement, TRUNCATE or ALTER, and {@code values} the table,
     * for the log).
     */
    public record Entry(String mapping, String column, List<String> values, String binlogFile, long binlogOffset,
                        boolean everyDocument, Long gtidSequence) {
        /**
         * An entry for the change at {@code position} with version {@code version}: with GTID versions it records the
         * change's GTID sequence number, which the side lane then waits for on any server ({@link ChangePoint#of}).
         */
        static Entry forChange(String mapping, String column, List<String> values, boolean everyDocument,
                               io.binlogsync.config.DocumentVersions versions, io.binlogsync.event.BinlogPosition position,
                               long version) {
            Long gtidSequence = ChangePoint.of(versions, position, version)
                    instanceof ChangePoint.GtidSequence gtid ? gtid.sequence() : null;
            return new Entry(mapping, column, values, position.file(), position.offset(), everyDocument, gtidSequence);
        }

        /** The change's place in the binlog of the server it was read from. */
        public io.binlogsync.event.BinlogPosition position() {
            return new io.binlogsync.event.BinlogPosition(binlogFile, binlogOffset);
        }
    }

    /** A job: its file and its entries. */
    public record Job(Path file, List<Entry> entries) {
    }

    private final Path directory;
    private final AtomicLong sequence = new AtomicLong();

    public RebuildJobs(Path stateFile) {
        this.directory = stateFile.toAbsolutePath().resolveSibling(stateFile.getFileName() + ".rebuilds");
    }

    public Path directory() {
        return directory;
    }

    /** Saves a job durably; files sort in the order they were added. */
    public void add(List<Entry> entries) throws IOException {
        Files.createDirectories(directory);
        String name = String.format("%019d-%09d.json", System.currentTimeMillis(), sequence.incrementAndGet());
        AtomicFile.replace(directory.resolve(name), JSON.writeValueAsBytes(entries));
    }

    /** The jobs waiting, oldest first. */
    public List<Job> pending() throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory, "*.json")) {
            listing.forEach(files::add);
        }
        files.sort(null);
        List<Job> jobs = new ArrayList<>();
        for (Path file : files) {
            try {
                jobs.add(new Job(file, JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() { })));
            } catch (IOException e) {
                throw new IOException("cannot read the rebuild job " + file + ": " + e.getMessage() + "; if it is"
                        + " damaged, remove it and run binlog-sync verify --repair", e);
            }
        }
        return jobs;
    }

    /**
     * The jobs waiting (or being done), counted by their files without reading them: for the metrics and
     * {@code status}, which may ask while the daemon writes and removes them.
     */
    public long count() throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        long count = 0;
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory, "*.json")) {
            for (Path ignored : listing) {
                count++;
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return 0;
        }
        return count;
    }

    public void done(Job job) throws IOException {
        Files.deleteIfExists(job.file());
    }
}
