package io.binlogsync.testing.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.binlogsync.index.SearchServer;
import io.binlogsync.index.SearchServer.Flavour;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SearchNodeSettingsTest {

    private final SearchNodeSettings node = SearchNodeSettings.singleNode(distribution(Flavour.OPENSEARCH), "c", "n",
            Path.of("/srv/node/data"), Path.of("/srv/node/logs"), "127.0.0.1", 9200, 9300);

    @Test
    void aSettingGivenLaterReplacesTheLaunchersValueInItsPlace() {
        node.put("discovery.type", "multi-node").put("node.processors", "1");

        String yaml = node.toYaml();

        assertTrue(yaml.contains("transport.port: 9300\ndiscovery.type: multi-node\ncluster.routing"), yaml);
        assertFalse(yaml.contains("single-node"), yaml);
        assertTrue(yaml.endsWith("node.processors: 1\n"), yaml);
    }

    @Test
    void onlyElasticsearchIsToldToTurnSecurityOff() {
        assertFalse(node.toYaml().contains("xpack"));
        assertEquals("false", SearchNodeSettings.singleNode(distribution(Flavour.ELASTICSEARCH), "c", "n", Path.of("/d"),
                Path.of("/l"), "127.0.0.1", 1, 2).asMap().get("xpack.security.enabled"));
    }

    @Test
    void pathsRelativeToTheDistributionInJvmOptionsPointAtTheNodesDirectories() {
        String options = String.join("\n",
                "-XX:HeapDumpPath=data",
                "-XX:ErrorFile=logs/hs_err_pid%p.log",
                "8:-Xloggc:logs/gc.log",
                "9-:-Xlog:gc*,gc+age=trace,safepoint:file=logs/gc.log:utctime,pid,tags:filecount=32,filesize=64m",
                "-XX:ErrorFile=hs_err_pid%p.log",
                "-Djava.io.tmpdir=${ES_TMPDIR}");

        assertEquals(String.join("\n",
                "-XX:HeapDumpPath=/srv/node/data",
                "-XX:ErrorFile=/srv/node/logs/hs_err_pid%p.log",
                "8:-Xloggc:/srv/node/logs/gc.log",
                "9-:-Xlog:gc*,gc+age=trace,safepoint:file=/srv/node/logs/gc.log:utctime,pid,tags:filecount=32,filesize=64m",
                "-XX:ErrorFile=hs_err_pid%p.log",
                "-Djava.io.tmpdir=${ES_TMPDIR}"), node.anchored(options));
    }

    private static SearchDistribution distribution(Flavour flavour) {
        return new SearchDistribution(new SearchServer(flavour, "2.19.3"), Path.of("unused.zip"));
    }
}
