package io.binlogsync.bench;

import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps issue 6's benchmark working: every mode at a tiny size, once. Its figures mean nothing at this size; what
 * is checked is that each mode ran to its end (each one verifies its own row and document counts and throws
 * otherwise) and that the report has every part.
 */
@ExtendWith(TestServersExtension.class)
class BenchmarkSmokeIT {

    @Test
    void everyModeRunsToItsEndAndTheReportHasEveryPart(TestServers servers, @TempDir Path directory) throws Exception {
        String report = Benchmark.run(BenchOptions.parse(new String[] {"1000", "--runs=1", "--bulk=1000",
                "--in-flight=2"}), servers, directory);
        System.out.print(report);
        for (String part : new String[] {"1 MariaDB writes the workload", "2 bare library", "3 reading alone",
                "4 raw _bulk ceiling", "5 catch-up", "5b catch-up: CPU of all JVM threads",
                "5b catch-up: CPU of Elasticsearch meanwhile", "6 live lag p99", "7 peak RSS", "goal 1:", "goal 2:",
                "live lag, commit returned", "by bulk size"}) {
            assertTrue(report.contains(part), "the report lacks '" + part + "':\n" + report);
        }
    }
}
