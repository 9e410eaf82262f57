package io.binlogsync.verify;

import java.util.List;

/**
 * One document that is not what its row makes: missing (the row has no document), extra (the document has no
 * row, or only a row the mapping's filter leaves out) or different, with the names of the fields that differ.
 */
public record Drift(String id, Kind kind, List<String> fields) {

    public enum Kind {
        MISSING, EXTRA, DIFFERENT,
        /** Extra too: its row exists, but the mapping's filter leaves it out. */
        FILTERED_OUT
    }

    public Drift {
        fields = List.copyOf(fields);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case MISSING -> id + ": missing";
            case EXTRA -> id + ": extra (no row)";
            case FILTERED_OUT -> id + ": extra (row filtered out)";
            case DIFFERENT -> id + ": differs in " + String.join(", ", fields);
        };
    }
}
