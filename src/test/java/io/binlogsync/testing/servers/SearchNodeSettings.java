package io.binlogsync.testing.servers;

import io.binlogsync.index.SearchServer.Flavour;
import io.binlogsync.testing.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The node's settings file (elasticsearch.yml or opensearch.yml), as an ordered map of keys to YAML
 * scalars written as given. The test distributions reject unknown settings, including those of modules
 * they do not ship (ml, geoip; OpenSearch's has no security plugin at all), so only core settings and,
 * on Elasticsearch, x-pack-core/security ones appear here.
 */
final class SearchNodeSettings {

    /** A path relative to the launcher's working directory in jvm.options ({@code logs/gc.log}, {@code data}). */
    private static final Pattern RELATIVE_JVM_PATH = Pattern.compile("(?m)(?<=[=:])(logs/|data$)");

    private final SearchDistribution distribution;
    private final Path dataDir;
    private final Path logsDir;
    private final Map<String, String> settings = new LinkedHashMap<>();

    private SearchNodeSettings(SearchDistribution distribution, Path dataDir, Path logsDir) {
        this.distribution = distribution;
        this.dataDir = dataDir;
        this.logsDir = logsDir;
    }

    /** A single node on {@code host}, security off, disk watermarks off, wildcard deletes allowed. */
    static SearchNodeSettings singleNode(SearchDistribution distribution, String clusterName, String nodeName, Path dataDir,
            Path logsDir, String host, int httpPort, int transportPort) {
        SearchNodeSettings node = new SearchNodeSettings(distribution, dataDir, logsDir)
                .put("cluster.name", quoted(clusterName))
                .put("node.name", quoted(nodeName))
                .put("path.data", quoted(dataDir.toString()))
                .put("path.logs", quoted(logsDir.toString()))
                .put("network.host", host)
                .put("http.port", Integer.toString(httpPort))
                .put("transport.port", Integer.toString(transportPort))
                .put("discovery.type", "single-node");
        if (distribution.flavour() == Flavour.ELASTICSEARCH) {
            node.put("xpack.security.enabled", "false");
        }
        return node.put("cluster.routing.allocation.disk.threshold_enabled", "false")
                // Lets tests clean up with wildcard deletes such as DELETE /binlogsync-*.
                .put("action.destructive_requires_name", "false");
    }

    /** Sets {@code key}, replacing a value set before in its place. */
    SearchNodeSettings put(String key, String yamlScalar) {
        settings.put(key, yamlScalar);
        return this;
    }

    SearchNodeSettings putAll(Map<String, String> more) {
        settings.putAll(more);
        return this;
    }

    Map<String, String> asMap() {
        return Collections.unmodifiableMap(settings);
    }

    String toYaml() {
        return settings.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /**
     * Copies the distribution's config directory to {@code confDir} and writes this file into it. The
     * jvm.options of Elasticsearch 7 and OpenSearch name the GC log and heap dumps relative to the
     * distribution's home, where the launcher runs and the server's user may not write: they are pointed at
     * this node's own logs and data directories.
     */
    void writeConfigDir(Path distributionConfig, Path confDir) {
        Directories.copy(distributionConfig, confDir);
        Path file = confDir.resolve(distribution.configFileName());
        Path jvmOptions = confDir.resolve("jvm.options");
        try {
            Files.writeString(file, toYaml());
            if (Files.isRegularFile(jvmOptions)) {
                Files.writeString(jvmOptions, anchored(Files.readString(jvmOptions)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " or " + jvmOptions, e);
        }
    }

    String anchored(String jvmOptions) {
        return RELATIVE_JVM_PATH.matcher(jvmOptions).replaceAll(match -> Matcher.quoteReplacement(
                match.group(1).equals("data") ? dataDir.toString() : logsDir + "/"));
    }

    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
