package io.binlogsync.source.jdbc;

import io.binlogsync.event.BinlogPosition;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The binlog files the server still has, with their sizes ({@code SHOW BINARY LOGS}), and what follows from them:
 * whether a position lies in one of them, and how many bytes and files separate two positions.
 */
public record BinlogFiles(List<BinlogFile> files) {

    /** One file of {@code SHOW BINARY LOGS}. */
    public record BinlogFile(String name, long size) {
    }

    public BinlogFiles {
        files = List.copyOf(files);
    }

    /** Reads the list from the server. */
    public static BinlogFiles of(SourceDatabase database) throws SQLException {
        try (Connection connection = database.open(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW BINARY LOGS")) {
            List<BinlogFile> files = new ArrayList<>();
            while (rows.next()) {
                files.add(new BinlogFile(rows.getString(1), rows.getLong(2)));
            }
            return new BinlogFiles(files);
        }
    }

    public Optional<BinlogFile> file(String name) {
        return files.stream().filter(file -> file.name().equals(name)).findFirst();
    }

    /** "mysql-bin.000001 .. mysql-bin.000009", or "none". */
    public String range() {
        return files.isEmpty() ? "none" : files.get(0).name() + " .. " + files.get(files.size() - 1).name();
    }

    /**
     * Bytes from {@code from} to {@code to} through the files between, when both files are listed and {@code from}
     * is not after {@code to}; empty otherwise.
     */
    public Optional<Long> bytesBetween(BinlogPosition from, BinlogPosition to) {
        if (from.compareTo(to) > 0 || file(from.file()).isEmpty() || file(to.file()).isEmpty()) {
            return Optional.empty();
        }
        if (from.file().equals(to.file())) {
            return Optional.of(to.offset() - from.offset());
        }
        long bytes = 0;
        for (BinlogFile file : files) {
            long sequence = new BinlogPosition(file.name(), 0).fileSequence();
            if (sequence == from.fileSequence()) {
                bytes += Math.max(0, file.size() - from.offset());
            } else if (sequence > from.fileSequence() && sequence < to.fileSequence()) {
                bytes += file.size();
            }
        }
        return Optional.of(bytes + to.offset());
    }

    /**
     * Whether an event begins at {@code position} (or it is the end of its file): {@code SHOW BINLOG EVENTS ... FROM}
     * answers only at an event boundary. Call after checking that the file is listed and the offset within its size.
     */
    public static boolean isEventBoundary(SourceDatabase database, BinlogPosition position, long fileSize)
            throws SQLException {
        if (position.offset() == fileSize) {
            return true;
        }
        String sql = "SHOW BINLOG EVENTS IN '" + position.file().replace("'", "") + "' FROM " + position.offset()
                + " LIMIT 1";
        try (Connection connection = database.open(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() && rows.getLong("Pos") == position.offset();
        } catch (SQLException e) {
            if (e.getErrorCode() == 1220) { // ER_ERROR_WHEN_EXECUTING_COMMAND: "Wrong offset or I/O error"
                return false;
            }
            throw e;
        }
    }
}
