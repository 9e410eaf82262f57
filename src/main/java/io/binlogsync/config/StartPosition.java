package io.binlogsync.config;

import java.util.Optional;

/** Where to start reading when there is no saved position yet. */
public enum StartPosition {
    /** The server's current binlog position (SHOW MASTER STATUS): only changes made from now on. */
    CURRENT,
    /** The oldest binlog file the server still keeps. */
    EARLIEST;

    /** The spelling used in the configuration file: {@code current} or {@code earliest}. */
    public String configValue() {
        return EnumSpelling.of(this);
    }

    /** Reads the configuration spelling, ignoring case. */
    public static Optional<StartPosition> fromConfigValue(String text) {
        return EnumSpelling.parse(StartPosition.class, text);
    }
}
