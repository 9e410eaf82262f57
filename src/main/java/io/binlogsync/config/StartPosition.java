package io.binlogsync.config;

import java.util.Locale;
import java.util.Optional;

/** Where to start reading when there is no saved position yet. */
public enum StartPosition {
    /** The server's current binlog position (SHOW MASTER STATUS): only changes made from now on. */
    CURRENT,
    /** The oldest binlog file the server still keeps. */
    EARLIEST;

    /** The spelling used in the configuration file: {@code current} or {@code earliest}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads the configuration spelling, ignoring case. */
    public static Optional<StartPosition> fromConfigValue(String text) {
        for (StartPosition position : values()) {
            if (position.configValue().equalsIgnoreCase(text.trim())) {
                return Optional.of(position);
            }
        }
        return Optional.empty();
    }
}
