package io.binlogsync.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.config.ConfigException;
import io.binlogsync.config.FieldsConfig;
import io.binlogsync.config.IndexDefinition;
import io.binlogsync.config.MappingConfig;
import io.binlogsync.config.SnapshotConfig;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.TableId;
import io.binlogsync.index.ConfiguredIndices;
import io.binlogsync.sink.es.ElasticsearchSink;
import io.binlogsync.source.jdbc.ColumnSchema;
import io.binlogsync.source.jdbc.ConsistentReads;
import io.binlogsync.source.jdbc.GlobalGrants;
import io.binlogsync.source.jdbc.ReplicationGrants;
import io.binlogsync.source.jdbc.SnapshotMethod;
import io.binlogsync.source.jdbc.SourceDatabase;
import io.binlogsync.source.jdbc.TableSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks the config, the three servers and the source's binlog settings, one line per check,",
                "saying what to fix. Exits 0 when nothing fails (warnings allowed), 1 otherwise, 2 for a bad config."})
final class CheckCommand implements Callable<Integer> {
    @Mixin
    CommandPreamble preamble;

    private int failures;

    @Override
    public Integer call() {
        PrintWriter out = preamble.out();
        SyncConfig sync;
        try {
            sync = preamble.config();
        } catch (CommandRefused e) {
            out.println("FAIL config: " + preamble.file + " is invalid (problems above)");
            throw e;
        }
        out.println("OK   config: " + preamble.file + " (" + sync.mappings().size() + " mapping(s))");
        try (Components components = new Components(sync, Clock.systemUTC())) {
            checkSource(sync, components, out);
            checkState(sync, components.database(), out);
            check(out, "elasticsearch " + sync.elasticsearch().hosts(), () -> {
                ElasticsearchSink probe = components.elasticsearchProbe();
                probe.ping();
                return ", " + probe.server();
            }, "check elasticsearch.hosts and that the cluster is up");
            checkIndices(sync, components, out);
            sync.redis().ifPresent(redis -> check(out, "redis (" + redis.describe() + ")",
                    () -> {
                        components.redisProbe().ping();
                        return "";
                    }, "check the redis section (uri, sentinel or cluster; user, password, tls) and that Redis is up"));
        }
        out.println(failures == 0 ? "all checks passed" : failures + " check(s) failed");
        out.flush();
        return failures == 0 ? ExitCode.OK : ExitCode.FAILURE;
    }

    private void checkSource(SyncConfig sync, Components components, PrintWriter out) {
        SourceDatabase database = components.database();
        try {
            out.println("OK   source: connected to " + database.describe() + " (server " + database.serverVersion() + ")");
        } catch (SQLException e) {
            fail(out, "source: cannot connect as " + database.describe() + ": " + e.getMessage()
                    + (String.valueOf(e.getMessage()).contains("source.") ? ""
                    : "; check source.host, port, user and password"));
            return;
        }
        checkTls(database, out);
        checkGrants(sync, components, database, out);
        try {
            for (SourceSettings.Finding finding : new SourceSettings(database).inspect()) {
                String line = finding.subject() + " is " + finding.text();
                switch (finding.level()) {
                    case OK -> out.println("OK   source: " + line);
                    case WARN -> out.println("WARN source: " + line);
                    case FAIL -> fail(out, "source: " + line);
                }
            }
            out.println("OK   source: binlog at " + database.currentPosition()
                    + " (the user may read the binlog position)");
        } catch (SQLException e) {
            fail(out, "source: cannot read the binlog settings: " + e.getMessage()
                    + "; GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* to the user (on MariaDB 10.5+ that grants"
                    + " BINLOG MONITOR)");
        }
        checkSnapshot(sync, database, out);
        try {
            components.mappings();
            out.println("OK   mappings: every table and column they name exists");
            components.shardExpansion().matches().forEach(m -> out.println("OK   pattern " + m.describe()));
            checkJoins(components, database, out);
        } catch (ConfigException e) {
            e.problems().forEach(problem -> fail(out, "mappings: " + problem));
        } catch (RuntimeException e) {
            fail(out, "mappings: cannot read the tables' definitions: " + e.getMessage());
        }
    }

    /** Joins: their tables and columns exist (else FAIL), and each column they look rows up by has an index. */
    private void checkJoins(Components components, SourceDatabase database, PrintWriter out) {
        try (java.sql.Connection connection = database.open()) {
            io.binlogsync.related.RelatedTables related = components.relatedTables();
            if (!related.isEmpty()) {
                List<String> warnings = io.binlogsync.related.JoinIndexCheck.warnings(related, connection);
                warnings.forEach(out::println);
                if (warnings.isEmpty()) {
                    out.println("OK   joins: " + related.readers().size() + " mapping(s) with related tables; every"
                            + " join column leads an index");
                }
            }
        } catch (ConfigException e) {
            e.problems().forEach(problem -> fail(out, "joins: " + problem));
        } catch (SQLException | RuntimeException e) {
            fail(out, "joins: cannot read the related tables' definitions: " + e.getMessage());
        }
    }

    /** Whether the JDBC session is encrypted as source.tls.mode says; the binlog stream uses the same sockets. */
    private void checkTls(SourceDatabase database, PrintWriter out) {
        var tls = database.config().tls();
        try {
            Optional<String> session = database.sessionTls();
            if (tls.mode().encrypted()) {
                if (session.isPresent()) {
                    out.println("OK   source: TLS (" + session.get() + ") with source.tls.mode = "
                            + tls.mode().configName() + (tls.client().isPresent() ? ", presenting a client certificate"
                            : "") + "; the binlog stream verifies the same way");
                } else {
                    fail(out, "source: source.tls.mode = " + tls.mode().configName() + " but the session is not"
                            + " encrypted; report this as a bug of binlog-sync");
                }
            } else if (!isLoopback(database.config().host())) {
                out.println("WARN source: TLS is off (source.tls.mode = disabled): rows and queries cross the network"
                        + " in clear; give the server a certificate and set source.tls.mode = verify-identity and"
                        + " source.tls.ca-file");
            }
        } catch (SQLException e) {
            out.println("WARN source: cannot read the session's TLS status: " + e.getMessage());
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    /** One FAIL line per privilege the account lacks, with the GRANT that gives it; WARN when roles may hold it. */
    private void checkGrants(SyncConfig sync, Components components, SourceDatabase database, PrintWriter out) {
        try {
            String account = database.currentAccount();
            // the mapped tables and the tables their joins read: each needs SELECT
            List<TableId> read = mappedConfigs(sync, components).stream()
                    .flatMap(m -> java.util.stream.Stream.concat(java.util.stream.Stream.of(m.table()),
                            m.joins().stream().map(join -> join.table())))
                    .distinct().toList();
            List<ReplicationGrants.Missing> missing = ReplicationGrants.missing(database.grants(),
                    database.isMariaDb(), read, account);
            for (ReplicationGrants.Missing grant : missing) {
                String line = "grants: " + account + " lacks " + grant.privilege() + " (" + grant.purpose() + "); "
                        + grant.grant();
                if (grant.answer() == GlobalGrants.Answer.UNKNOWN) {
                    out.println("WARN " + line + " (SHOW GRANTS lists roles, which may hold it)");
                } else {
                    fail(out, line);
                }
            }
            if (missing.isEmpty()) {
                out.println("OK   grants: " + account + " has REPLICATION SLAVE, "
                        + (database.isMariaDb() ? "BINLOG MONITOR" : "REPLICATION CLIENT") + " and SELECT on the "
                        + read.size() + " mapped table(s)" + (read.size() > mappedConfigs(sync, components).stream()
                        .map(m -> m.table()).distinct().count() ? ", joined tables included" : ""));
            }
        } catch (SQLException e) {
            out.println("WARN grants: cannot read SHOW GRANTS: " + e.getMessage());
        }
    }

    /**
     * How snapshots, resync and {@code verify --repair} will learn their binlog position, and whether the user may:
     * on MySQL that takes FLUSH TABLES WITH READ LOCK, so RELOAD, read from SHOW GRANTS (not taken as a probe: the
     * lock would stall the server's writers). A missing grant fails only with {@code snapshot.mode = initial}.
     */
    private void checkSnapshot(SyncConfig sync, SourceDatabase database, PrintWriter out) {
        boolean initial = sync.snapshot().mode() == SnapshotConfig.Mode.INITIAL;
        String uses = initial ? "the initial snapshot, resync and verify --repair" : "resync and verify --repair";
        try {
            SnapshotMethod method = SnapshotMethod.choose(database.snapshotStatusNames(), sync.snapshot().locking());
            if (method == SnapshotMethod.STATUS_VARIABLES) {
                out.println("OK   snapshot: " + uses + " read with " + method.describe());
                return;
            }
            String line = uses + " read with " + method.describe();
            switch (GlobalGrants.holds(database.grants(), "RELOAD")) {
                case YES -> out.println("OK   snapshot: " + line + "; " + database.user() + " has RELOAD");
                case UNKNOWN -> out.println("WARN snapshot: " + line + "; SHOW GRANTS gives " + database.user()
                        + " no RELOAD, but it has roles that may: if not, GRANT RELOAD ON *.* TO the user");
                case NO -> {
                    String text = "snapshot: " + ConsistentReads.missingReload(database.user());
                    if (initial) {
                        fail(out, text);
                    } else {
                        out.println("WARN " + text);
                    }
                }
            }
        } catch (SQLException e) {
            out.println("WARN snapshot: cannot tell whether " + uses + " can run: " + e.getMessage());
        }
    }

    /**
     * Each mapped index: exists (its mapping not contradicting the configured one), or will be created from the
     * config or by dynamic mapping; then the fields a dynamic mapping types wrongly.
     */
    private void checkIndices(SyncConfig sync, Components components, PrintWriter out) {
        Map<String, Map<String, JsonNode>> live = new LinkedHashMap<>();
        try {
            for (ConfiguredIndices.IndexState state : new ConfiguredIndices(components.indexAdmin())
                    .inspect(mappedConfigs(sync, components))) {
                String index = state.index();
                live.put(index, components.indexAdmin().mappings(index));
                switch (state.kind()) {
                    case EXISTS -> out.println("OK   index " + index + ": exists" + (live.get(index).containsKey(index)
                            ? "" : " (alias of " + String.join(", ", live.get(index).keySet()) + ")"));
                    case CREATED_FROM_CONFIG -> out.println("OK   index " + index + ": missing; the daemon creates it"
                            + " at start from " + ConfiguredIndices.definition(mappedConfigs(sync, components).stream()
                            .filter(m -> m.index().equals(index)).toList()).orElseThrow().source());
                    case CREATED_BY_DYNAMIC_MAPPING -> out.println("OK   index " + index + ": missing; created by"
                            + " dynamic mapping (and index templates) at the first write");
                }
                state.conflicts().forEach(conflict -> fail(out, "index " + index + ": " + conflict
                        + "; the daemon refuses to start: rebuild it with `binlog-sync resync --config "
                        + preamble.file + " TABLE --new-index` while a daemon runs, or change the configured mapping"));
                state.unmapped().forEach(field -> out.println("WARN index " + index + ": field " + field));
            }
        } catch (IOException | RuntimeException e) {
            out.println("WARN index: cannot read the mapped indices: " + e.getMessage());
            return;
        }
        for (MappingConfig mapping : mappedConfigs(sync, components)) {
            try {
                Optional<TableSchema> schema = components.catalog().table(mapping.table());
                if (schema.isEmpty()) {
                    continue;
                }
                JsonNode configured = mapping.indexDefinition().flatMap(IndexDefinition::mappings)
                        .map(CheckCommand::json).orElse(null);
                for (ColumnSchema column : schema.get().columns()) {
                    FieldsConfig fields = mapping.fields();
                    String name = column.name();
                    if ((!fields.include().isEmpty() && !fields.include().contains(name))
                            || fields.exclude().contains(name) || fields.convert().containsKey(name)) {
                        continue;
                    }
                    String field = fields.rename().getOrDefault(name, name);
                    Optional<String> type = fieldType(configured, field);
                    for (JsonNode backing : live.getOrDefault(mapping.index(), Map.of()).values()) {
                        type = type.or(() -> fieldType(backing, field));
                    }
                    DynamicMappingRisks.of(field, column.dataType(), column.unsigned(), type).ifPresent(risk ->
                            out.println("WARN index " + mapping.index() + ": " + mapping.path() + " ("
                                    + mapping.table() + "): " + risk));
                }
            } catch (SQLException | RuntimeException e) {
                out.println("WARN index: cannot read " + mapping.table() + "'s columns: " + e.getMessage());
            }
        }
    }

    /** The mappings with table patterns expanded; when that fails (reported under mappings), the plain ones. */
    private static List<MappingConfig> mappedConfigs(SyncConfig sync, Components components) {
        try {
            return components.mappingConfigs();
        } catch (RuntimeException e) {
            return sync.mappings().stream().filter(m -> m.shards().isEmpty()).toList();
        }
    }

    private static Optional<String> fieldType(JsonNode mappings, String field) {
        if (mappings == null) {
            return Optional.empty();
        }
        JsonNode type = mappings.path("properties").path(field).path("type");
        return type.isTextual() ? Optional.of(type.asText()) : Optional.empty();
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("configured index mappings are not JSON: " + e.getMessage(), e);
        }
    }

    private void checkState(SyncConfig sync, SourceDatabase database, PrintWriter out) {
        StateFile stateFile = new StateFile(sync.state().file());
        try {
            Optional<Checkpoint> saved = stateFile.load();
            Path directory = stateFile.path().getParent();
            if (saved.isPresent()) {
                out.println("OK   state: " + stateFile.path() + " resumes at " + saved.get().position());
            } else if (Files.isDirectory(directory) && Files.isWritable(directory)) {
                out.println("OK   state: no state file yet; the first run starts at the " + sync.source().start()
                        .name().toLowerCase(java.util.Locale.ROOT) + " position and creates " + stateFile.path());
            } else {
                fail(out, "state: directory " + directory + " does not exist or is not writable; create it for the"
                        + " daemon's user");
            }
            if (saved.isPresent()) {
                List<String> files = database.binaryLogs();
                if (!files.contains(saved.get().position().file())) {
                    fail(out, "state: the saved position's file " + saved.get().position().file()
                            + " is no longer on the server (it has " + files + "); a resync is needed");
                }
            }
        } catch (RuntimeException | SQLException e) {
            fail(out, "state: " + e.getMessage());
        }
    }

    /** Reaches a sink the components own (they close it); returns what to add to "reachable". */
    private interface Probe {
        String run() throws Exception;
    }

    private void check(PrintWriter out, String what, Probe probe, String fix) {
        try {
            String detail = probe.run();
            out.println("OK   " + what + ": reachable" + detail);
        } catch (Exception e) {
            fail(out, what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage() + "; " + fix);
        }
    }

    private void fail(PrintWriter out, String line) {
        failures++;
        out.println("FAIL " + line);
    }
}
