package io.binlogsync.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binlogsync.event.BinlogPosition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * One of the daemon's own small JSON files (the state file, the snapshot progress): read whole, replaced atomically
 * ({@link AtomicFile}). A file that is not there is "none yet"; one that is there but cannot be read or parsed is an
 * error, never "none", and is left as it is. Each owner words the errors, as each tells the operator something else
 * to do.
 */
final class JsonDocumentFile<T> {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a document from the file's bytes; any exception means the file is damaged. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(byte[] bytes) throws IOException;
    }

    /** The texts of the {@link StateFileException}s, each given the failure. */
    record Wording(Function<IOException, String> cannotRead, Function<Exception, String> damaged,
                   Function<IOException, String> cannotSave) {
    }

    private final Path file;
    private final Parser<T> parser;
    private final Function<T, ObjectNode> serializer;
    private final Wording wording;

    JsonDocumentFile(Path file, Parser<T> parser, Function<T, ObjectNode> serializer, Wording wording) {
        this.file = file;
        this.parser = parser;
        this.serializer = serializer;
        this.wording = wording;
    }

    /**
     * A new document that begins as both kinds do: its format number, then a binlog position under
     * {@code positionKey} ({@code file} and {@code position}) and the GTID state there, where there is one.
     */
    static ObjectNode begin(int format, String positionKey, BinlogPosition position, Optional<String> gtid) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", format);
        ObjectNode at = root.putObject(positionKey);
        at.put("file", position.file());
        at.put("position", position.offset());
        gtid.ifPresent(text -> root.put("gtid", text));
        return root;
    }

    /** The document, or empty when the file does not exist. */
    Optional<T> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StateFileException(wording.cannotRead().apply(e), e);
        }
        try {
            return Optional.of(parser.parse(bytes));
        } catch (IOException | RuntimeException e) {
            throw new StateFileException(wording.damaged().apply(e), e);
        }
    }

    /** Replaces the file with {@code document}, durably. On failure the old file is left intact. */
    void save(T document) {
        try {
            AtomicFile.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(serializer.apply(document)));
        } catch (IOException e) {
            throw new StateFileException(wording.cannotSave().apply(e), e);
        }
    }
}
