package io.binlogsync.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binlogsync.config.DocumentVersions;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.event.TableId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The progress of an initial snapshot, beside the state file ({@code state.json.snapshot}), written atomically
 * after every acknowledged chunk and removed once the state file takes over.
 */
public final class SnapshotProgressFile {
    private static final int FORMAT = 1;

    private final Path file;
    private final JsonDocumentFile<SnapshotProgress> document;

    public SnapshotProgressFile(Path stateFile) {
        Path beside = stateFile.toAbsolutePath().resolveSibling(stateFile.getFileName() + ".snapshot");
        this.file = beside;
        this.document = new JsonDocumentFile<>(beside, SnapshotProgressFile::parse, SnapshotProgressFile::serialize,
                new JsonDocumentFile.Wording(
                        e -> "cannot read snapshot progress " + beside + ": " + e.getMessage(),
                        e -> "snapshot progress " + beside + " is damaged (" + e.getMessage() + "). It is left as it"
                                + " is; remove it to start the snapshot over",
                        e -> "cannot save snapshot progress to " + beside + ": " + e.getMessage() + "; the previous"
                                + " progress is intact. Free disk space or fix permissions, then restart"));
    }

    public Path path() {
        return file;
    }

    public Optional<SnapshotProgress> load() {
        return document.load();
    }

    public void save(SnapshotProgress progress) {
        document.save(progress);
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StateFileException("cannot remove the finished snapshot's progress " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static SnapshotProgress parse(byte[] bytes) throws IOException {
        JsonNode root = JsonDocumentFile.JSON.readTree(bytes);
        if (root == null || !root.isObject() || root.path("format").asInt(-1) != FORMAT) {
            throw new IOException("not a snapshot progress of format " + FORMAT);
        }
        JsonNode binlog = root.path("stream-from");
        BinlogPosition from = new BinlogPosition(binlog.path("file").asText(), binlog.path("position").asLong());
        Optional<String> gtid = root.path("gtid").isTextual() ? Optional.of(root.get("gtid").asText())
                : Optional.empty();
        DocumentVersions versions = DocumentVersions.fromConfigValue(root.path("versions").asText(""))
                .orElseThrow(() -> new IOException("versions is missing"));
        StreamOrigin origin = new StreamOrigin(root.path("server-id").asLong(), versions);
        Map<TableId, SnapshotProgress.TableProgress> tables = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("tables").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            List<String> after = new ArrayList<>();
            entry.getValue().path("after").forEach(value -> after.add(value.asText()));
            tables.put(TableId.parse(entry.getKey()), new SnapshotProgress.TableProgress(
                    entry.getValue().path("done").asBoolean(), after, entry.getValue().path("rows").asLong()));
        }
        return new SnapshotProgress(from, gtid, origin, tables);
    }

    private static ObjectNode serialize(SnapshotProgress progress) {
        ObjectNode root = JsonDocumentFile.begin(FORMAT, "stream-from", progress.streamFrom(), progress.gtid());
        root.put("server-id", progress.origin().serverId());
        root.put("versions", progress.origin().versions().configValue());
        ObjectNode tables = root.putObject("tables");
        progress.tables().forEach((table, state) -> {
            ObjectNode node = tables.putObject(table.toString());
            node.put("done", state.done());
            node.put("rows", state.rows());
            state.afterKey().forEach(node.putArray("after")::add);
        });
        return root;
    }
}
