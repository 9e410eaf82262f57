package io.binlogsync.event;

import java.util.Objects;

/**
 * A place in the source's binary log: a file name and a byte offset in it. Ordered by the file's sequence number
 * (the numeric suffix of {@code mysql-bin.000042}), then by offset.
 */
public record BinlogPosition(String file, long offset) implements Comparable<BinlogPosition> {

    public BinlogPosition {
        Objects.requireNonNull(file, "file");
        if (file.isBlank()) {
            throw new IllegalArgumentException("binlog file name must not be blank");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("binlog offset must not be negative: " + offset);
        }
    }

    /** The numeric suffix of the file name, e.g. 42 for {@code mysql-bin.000042}. */
    public long fileSequence() {
        int dot = file.lastIndexOf('.');
        try {
            return Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("binlog file name '" + file + "' has no numeric suffix", e);
        }
    }

    public BinlogPosition withOffset(long newOffset) {
        return new BinlogPosition(file, newOffset);
    }

    @Override
    public int compareTo(BinlogPosition other) {
        int byFile = Long.compare(fileSequence(), other.fileSequence());
        return byFile != 0 ? byFile : Long.compare(offset, other.offset);
    }

    @Override
    public String toString() {
        return file + ":" + offset;
    }
}
