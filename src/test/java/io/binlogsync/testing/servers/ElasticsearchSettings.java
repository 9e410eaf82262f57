package io.binlogsync.testing.servers;

import io.binlogsync.testing.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node's elasticsearch.yml. The test distribution rejects unknown settings, including those of
 * modules it does not ship (ml, geoip), so only core and x-pack-core/security settings appear here.
 */
record ElasticsearchSettings(
        String clusterName, String nodeName, Path dataDir, Path logsDir, String host, int httpPort, int transportPort) {

    String toYaml() {
        return String.join("\n",
                "cluster.name: " + quoted(clusterName),
                "node.name: " + quoted(nodeName),
                "path.data: " + quoted(dataDir.toString()),
                "path.logs: " + quoted(logsDir.toString()),
                "network.host: " + host,
                "http.port: " + httpPort,
                "transport.port: " + transportPort,
                "discovery.type: single-node",
                "xpack.security.enabled: false",
                "cluster.routing.allocation.disk.threshold_enabled: false",
                // Lets tests clean up with wildcard deletes such as DELETE /binlogsync-*.
                "action.destructive_requires_name: false",
                "");
    }

    /** Copies the distribution's config directory to {@code confDir} and writes this file into it. */
    void writeConfigDir(Path distributionConfig, Path confDir) {
        Directories.copy(distributionConfig, confDir);
        try {
            Files.writeString(confDir.resolve("elasticsearch.yml"), toYaml());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + confDir.resolve("elasticsearch.yml"), e);
        }
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
