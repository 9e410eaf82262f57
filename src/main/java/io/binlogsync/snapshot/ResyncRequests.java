package io.binlogsync.snapshot;

import io.binlogsync.checkpoint.AtomicFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binlogsync.event.TableId;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How {@code binlog-sync resync} talks to the running daemon: a directory beside the state file
 * ({@code state.json.resync/}) where the command drops one request file per table (JSON: the table and how to
 * resync it) and the daemon writes that table's status as it goes. Files are replaced atomically, so neither side
 * reads half a file.
 */
public final class ResyncRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = ".request";
    private static final String STATUS = ".status";
    private static final String REBUILD = ".rebuild";

    /**
     * Where a resync stands: {@code state} is queued, running, done or failed. {@code newIndices} is, for a resync
     * into new indices, each alias and the index being built for it (empty for a resync in place); it stays in the
     * status until the alias points there or the index is deleted, so a restarted daemon can clean up after a
     * {@code kill -9}.
     */
    public record Status(String state, long rows, long estimatedRows, String message, Map<String, String> newIndices) {
        public Status {
            newIndices = Collections.unmodifiableMap(new LinkedHashMap<>(newIndices));
        }

        public Status(String state, long rows, long estimatedRows, String message) {
            this(state, rows, estimatedRows, message, Map.of());
        }

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

    /** Asks for a resync; replaces any status of an earlier one of the same table. */
    public void request(ResyncRequest request) throws IOException {
        TableId table = request.table();
        Files.createDirectories(directory);
        Files.deleteIfExists(directory.resolve(table + STATUS));
        ObjectNode node = JSON.createObjectNode();
        node.put("table", table.toString());
        node.put("new-index", request.newIndex());
        node.put("mapping-from-template", request.indexFromTemplate());
        node.put("keep-old-index", request.keepOldIndex());
        AtomicFile.replace(directory.resolve(table + REQUEST), JSON.writeValueAsBytes(node));
    }

    /** Asks for a resync of {@code table} in place. */
    public void request(TableId table) throws IOException {
        request(ResyncRequest.inPlace(table));
    }

    /** The requests not yet taken up, oldest first. */
    public List<ResyncRequest> pending() throws IOException {
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
        List<ResyncRequest> requests = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            TableId table = TableId.parse(name.substring(0, name.length() - REQUEST.length()));
            try {
                requests.add(parseRequest(table, Files.readAllBytes(file)));
            } catch (NoSuchFileException e) {
                // taken up meanwhile
            }
        }
        return requests;
    }

    /** A request file: JSON, or (from an older binlog-sync) the table's name alone, which means in place. */
    static ResyncRequest parseRequest(TableId table, byte[] content) throws IOException {
        String text = new String(content, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("{")) {
            return ResyncRequest.inPlace(table);
        }
        JsonNode node = JSON.readTree(text);
        if (!node.path("new-index").asBoolean(false)) {
            return ResyncRequest.inPlace(table);
        }
        return ResyncRequest.newIndex(table, node.path("mapping-from-template").asBoolean(false),
                node.path("keep-old-index").asBoolean(false));
    }

    /** The tables that have a status file: to find work a stopped daemon left unfinished. */
    public List<TableId> tablesWithStatus() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<TableId> tables = new ArrayList<>();
        try (Stream<Path> listing = Files.list(directory)) {
            for (Path file : (Iterable<Path>) listing::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(STATUS)) {
                    tables.add(TableId.parse(name.substring(0, name.length() - STATUS.length())));
                }
            }
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
        ObjectNode indices = node.putObject("new-indices");
        status.newIndices().forEach(indices::put);
        Files.createDirectories(directory);
        AtomicFile.replace(directory.resolve(table + STATUS), JSON.writeValueAsBytes(node));
    }

    public Optional<Status> status(TableId table) throws IOException {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(directory.resolve(table + STATUS)));
            Map<String, String> indices = new LinkedHashMap<>();
            node.path("new-indices").fields().forEachRemaining(entry -> indices.put(entry.getKey(),
                    entry.getValue().asText()));
            return Optional.of(new Status(node.path("state").asText(), node.path("rows").asLong(),
                    node.path("estimated-rows").asLong(), node.path("message").asText(""), indices));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Records the indices a rebuild of {@code table} is about to create (alias to new index), before it creates
     * them, so that a daemon killed meanwhile leaves a trace its next start cleans up. A new request leaves it.
     */
    public void recordRebuild(TableId table, Map<String, String> newIndices) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        newIndices.forEach(node::put);
        Files.createDirectories(directory);
        AtomicFile.replace(directory.resolve(table + REBUILD), JSON.writeValueAsBytes(node));
    }

    /** The rebuilds recorded and not forgotten: per table, each alias and the index built for it. */
    public Map<TableId, Map<String, String>> recordedRebuilds() throws IOException {
        Map<TableId, Map<String, String>> rebuilds = new LinkedHashMap<>();
        if (!Files.isDirectory(directory)) {
            return rebuilds;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(REBUILD)).toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            Map<String, String> indices = new LinkedHashMap<>();
            JSON.readTree(Files.readAllBytes(file)).fields().forEachRemaining(entry -> indices.put(entry.getKey(),
                    entry.getValue().asText()));
            rebuilds.put(TableId.parse(name.substring(0, name.length() - REBUILD.length())), indices);
        }
        return rebuilds;
    }

    /** The rebuild's indices are live behind their aliases, or deleted: nothing to clean up any more. */
    public void forgetRebuild(TableId table) throws IOException {
        Files.deleteIfExists(directory.resolve(table + REBUILD));
    }
}
