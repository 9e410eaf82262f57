package io.binlogsync.runtime;

import io.binlogsync.source.jdbc.SourceDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The source server's replication settings, checked against what binlog-sync needs. */
final class SourceSettings {
    private static final Logger log = LoggerFactory.getLogger(SourceSettings.class);

    /** One finding: ok, a warning (works, with a caveat) or an error (cannot work). */
    record Finding(Level level, String subject, String text) {
    }

    enum Level { OK, WARN, FAIL }

    private final SourceDatabase database;

    SourceSettings(SourceDatabase database) {
        this.database = database;
    }

    List<Finding> inspect() throws SQLException {
        Map<String, String> variables = database.globalVariables(List.of("log_bin", "binlog_format",
                "binlog_row_image", "binlog_row_metadata", "server_id", "binlog_transaction_compression",
                "binlog_row_value_options"));
        List<Finding> findings = new ArrayList<>();
        findings.add(expect(variables, "log_bin", "ON", "start the server with log_bin (and a server_id)"));
        findings.add(expect(variables, "binlog_format", "ROW",
                "set binlog_format=ROW in the server config (SET GLOBAL binlog_format=ROW takes effect for new sessions)"));
        findings.add(expect(variables, "binlog_row_image", "FULL", "set binlog_row_image=FULL"));
        String metadata = variables.getOrDefault("binlog_row_metadata", "");
        findings.add(metadata.equalsIgnoreCase("FULL")
                ? new Finding(Level.OK, "binlog_row_metadata", "FULL: rows carry their column names")
                : new Finding(Level.WARN, "binlog_row_metadata", (metadata.isEmpty() ? "not supported" : metadata)
                + ": column names come from information_schema at start, so a column change (ALTER TABLE) needs"
                + " a restart; set binlog_row_metadata=FULL (MySQL 8.0.1+, MariaDB 10.5+)"));
        if ("ON".equalsIgnoreCase(variables.get("binlog_transaction_compression"))) {
            findings.add(new Finding(Level.FAIL, "binlog_transaction_compression",
                    "ON: binlog-sync cannot read compressed transactions yet; set binlog_transaction_compression=OFF"));
        }
        String valueOptions = variables.getOrDefault("binlog_row_value_options", "");
        if (!valueOptions.isBlank()) {
            findings.add(new Finding(Level.FAIL, "binlog_row_value_options", valueOptions
                    + ": partial JSON updates leave row images incomplete; set binlog_row_value_options=''"));
        }
        return findings;
    }

    private static Finding expect(Map<String, String> variables, String name, String wanted, String fix) {
        String actual = variables.get(name);
        if (actual != null && actual.toUpperCase(Locale.ROOT).equals(wanted)) {
            return new Finding(Level.OK, name, actual);
        }
        return new Finding(Level.FAIL, name, (actual == null ? "unknown" : actual) + ", needs " + wanted + ": " + fix);
    }

    /** Throws when the server cannot feed binlog-sync; logs warnings. */
    void requireReplicable() throws SQLException {
        List<String> failures = new ArrayList<>();
        for (Finding finding : inspect()) {
            switch (finding.level()) {
                case FAIL -> failures.add(finding.subject() + " is " + finding.text());
                case WARN -> log.warn("{} is {}", finding.subject(), finding.text());
                case OK -> { }
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("the source " + database.describe() + " cannot feed binlog-sync: "
                    + String.join("; ", failures));
        }
    }
}
