package io.binlogsync.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the top level of the file into a {@link SyncConfig}, or throws with every problem found. */
final class SyncConfigReader {

    private SyncConfigReader() {
    }

    static SyncConfig read(Section root, Problems problems) {
        Optional<SourceConfig> source = SourceConfigReader.read(root.section("source"));
        Optional<StateConfig> state = state(root.section("state"));
        Optional<ElasticsearchConfig> elasticsearch = ElasticsearchConfigReader.read(root.section("elasticsearch"));
        Optional<Section> redisSection = root.optionalSection("redis");
        Optional<RedisConfig> redis = redisSection.flatMap(RedisConfigReader::read);
        Optional<PipelineConfig> pipeline = PipelineConfigReader.read(root.section("pipeline"));
        Optional<DdlConfig> ddl = DdlConfigReader.read(root.section("ddl"));
        Optional<SnapshotConfig> snapshot = snapshot(root.section("snapshot"));
        Optional<MetricsConfig> metrics = MetricsConfigReader.read(root.section("metrics"));
        List<MappingConfig> mappings = mappings(root, redisSection.isPresent());
        root.rejectUnknownKeys();

        problems.throwIfAny();
        // No problem reported means every reader returned its record.
        return new SyncConfig(source.orElseThrow(), state.orElseThrow(), elasticsearch.orElseThrow(), redis,
                pipeline.orElseThrow(), mappings, ddl.orElseThrow(), snapshot.orElseThrow(), metrics);
    }

    private static Optional<SnapshotConfig> snapshot(Section snapshot) {
        Optional<SnapshotConfig.Mode> mode = snapshot.choice("mode", SnapshotConfig.Mode::fromConfigValue,
                "a snapshot mode", "mode = initial (copy existing rows at the first start) or mode = never");
        Optional<Long> chunkSize = snapshot.wholeNumber("chunk-size", 1, 1_000_000,
                "it is how many rows one chunk reads, e.g. chunk-size = 5000");
        Optional<SnapshotConfig.Locking> locking = snapshot.choice("locking", SnapshotConfig.Locking::fromConfigValue,
                "a snapshot locking", "locking = auto (no lock where the server allows it, else a global read lock"
                        + " for an instant) or locking = global-read-lock");
        Optional<Duration> lockWait = snapshot.positiveDuration("lock-wait-timeout").flatMap(duration -> {
            if (duration.toSeconds() < 1) {
                snapshot.problem("lock-wait-timeout", "must be at least 1s (the server counts whole seconds), found "
                        + duration.toMillis() + "ms; e.g. lock-wait-timeout = 10s");
                return Optional.empty();
            }
            return Optional.of(duration);
        });
        snapshot.rejectUnknownKeys();
        if (mode.isEmpty() || chunkSize.isEmpty() || locking.isEmpty() || lockWait.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SnapshotConfig(mode.get(), chunkSize.get().intValue(), locking.get(), lockWait.get()));
    }

    private static Optional<StateConfig> state(Section state) {
        Optional<String> file = state.requiredString("file", "set it to the file where binlog-sync saves its binlog"
                + " position, e.g. state.file = \"/var/lib/binlog-sync/state.json\"");
        state.rejectUnknownKeys();
        return file.flatMap(text -> {
            try {
                if (!text.isBlank()) {
                    return Optional.of(new StateConfig(Path.of(text)));
                }
            } catch (InvalidPathException e) {
                // reported below
            }
            state.problem("file", "`" + ConfigValueText.abbreviated(text) + "` is not a file path; write one, e.g."
                    + " state.file = \"/var/lib/binlog-sync/state.json\"");
            return Optional.empty();
        });
    }

    private static List<MappingConfig> mappings(Section root, boolean redisConfigured) {
        List<Section> sections = root.nonEmptySectionList("mappings", ConfigDefaults.mapping(),
                "there are no mappings, so there is nothing to sync; add at least one,"
                        + " e.g. mappings = [{ table = \"shop.products\", index = \"products\" }]");
        List<MappingConfig> mappings = new ArrayList<>();
        Map<String, String> firstPathByTarget = new HashMap<>();
        for (Section section : sections) {
            Optional<MappingConfig> mapping = MappingConfigReader.read(section, redisConfigured);
            mapping.ifPresent(mappings::add);
            mapping.ifPresent(m -> rejectDuplicate(section, m, firstPathByTarget));
        }
        return mappings;
    }

    private static void rejectDuplicate(Section section, MappingConfig mapping, Map<String, String> firstPathByTarget) {
        String target = mapping.table() + " -> " + mapping.index();
        String first = firstPathByTarget.putIfAbsent(target, mapping.path());
        if (first != null) {
            section.problemHere("maps " + mapping.table() + " to index `" + mapping.index() + "` again, as " + first
                    + " does; remove one of the two, or merge them into one mapping");
        }
    }
}
