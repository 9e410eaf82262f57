package io.binlogsync.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binlogsync.event.TableId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How {@code binlog-sync resync} talks to the running daemon: a directory beside the state file
 * ({@code state.json.resync/}) where the command drops one request file per table and the daemon writes that
 * table's status as it goes. Files are replaced atomically, so neither side reads half a file.
 */
public final class ResyncRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = ".request";
    private static final String STATUS = ".status";

    /** Where a resync stands: {@code state} is queued, running, done or failed. */
    public record Status(String state, long rows, long estimatedRows, String message) {
        public boolean finished() {
            return state.equals("done") || state.equals("failed");
        }
    }

    private final Path directory;

    public ResyncRequests(Path stateFile) {
        this.directory = stateFile.toAbsolutePath().resolveSibling(stateFile.getFileName() + ".resync");
    }

    public Path directory() {
        return directory;
    }

    /** Asks for a resync of {@code table}; replaces any status of an earlier one. */
    public void request(TableId table) throws IOException {
        Files.createDirectories(directory);
        Files.deleteIfExists(directory.resolve(table + STATUS));
        AtomicFile.replace(directory.resolve(table + REQUEST), table.toString().getBytes());
    }

    /** The tables asked for and not yet taken up, oldest request first. */
    public List<TableId> pending() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(directory)) {
            listing.filter(file -> file.getFileName().toString().endsWith(REQUEST)).forEach(files::add);
        }
        files.sort((a, b) -> {
            try {
                return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
            } catch (IOException e) {
                return 0;
            }
        });
        List<TableId> tables = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            tables.add(TableId.parse(name.substring(0, name.length() - REQUEST.length())));
        }
        return tables;
    }

    /** Takes up a request: it will not be seen as pending again. */
    public void take(TableId table) throws IOException {
        Files.deleteIfExists(directory.resolve(table + REQUEST));
    }

    public void writeStatus(TableId table, Status status) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("state", status.state());
        node.put("rows", status.rows());
        node.put("estimated-rows", status.estimatedRows());
        node.put("message", status.message());
        Files.createDirectories(directory);
        AtomicFile.replace(directory.resolve(table + STATUS), JSON.writeValueAsBytes(node));
    }

    public Optional<Status> status(TableId table) throws IOException {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(directory.resolve(table + STATUS)));
            return Optional.of(new Status(node.path("state").asText(), node.path("rows").asLong(),
                    node.path("estimated-rows").asLong(), node.path("message").asText("")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
