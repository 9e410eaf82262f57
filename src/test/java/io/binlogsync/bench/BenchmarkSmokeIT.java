package io.binlogsync.bench;

import io.binlogsync.testing.servers.TestServers;
import io.binlogsync.testing.servers.TestServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the benchmark working: every mode at a tiny size, once. Its figures mean nothing at this size; what is
 * checked is that each mode ran to its end (each one verifies its own row and document counts and throws
 * otherwise), that the report has every part, and that the figures read from the operating system (CPU times,
 * peak resident sets) and the goal verdicts are there, not "n/a".
 */
@ExtendWith(TestServersExtension.class)
class BenchmarkSmokeIT {

    @Test
    void everyModeRunsToItsEndAndTheReportHasEveryPart(TestServers servers, @TempDir Path directory) throws Exception {
        String report = Benchmark.run(BenchOptions.parse(new String[] {"1000", "--runs=1", "--bulk=1000",
                "--in-flight=2"}), servers, directory);
        System.out.print(report);
        for (String part : new String[] {"1 MariaDB writes the workload", "2 bare library", "3 reading alone",
                "4 raw _bulk", "6 live lag p99", "live lag, commit returned", "catch-up / raw _bulk"}) {
            assertTrue(report.contains(part), "the report lacks '" + part + "':\n" + report);
        }
        for (String figure : new String[] {"4c ceiling: the same actions, prebuilt bodies, minimal client",
                "4c ceiling: CPU of the sender (whole JVM)", "4c ceiling: CPU of Elasticsearch meanwhile",
                "5 catch-up", "5b catch-up: CPU of the daemon's process", "5b catch-up: cores the daemon's process",
                "5b catch-up: CPU of Elasticsearch meanwhile", "7 peak RSS of this JVM during catch-up",
                "7 peak RSS of Elasticsearch during catch-up", "7 peak RSS of Elasticsearch during the ceiling"}) {
            assertTrue(Pattern.compile("(?m)^" + Pattern.quote(figure) + ".* [0-9][0-9,.]* +[0-9][0-9,.]* +[0-9]")
                    .matcher(report).find(), "the report lacks a figure for '" + figure + "':\n" + report);
        }
        for (String goal : new String[] {"goal 1: catch-up / ceiling at the defaults",
                "goal 1: catch-up / ceiling, each cell of the scaling grid", "goal 2: the daemon's CPU",
                "goal 3: reading alone / bare library", "goal 4: live lag p99"}) {
            assertTrue(Pattern.compile("(?m)^" + Pattern.quote(goal) + ".* target [<>]= [0-9.,]+.*: (met|NOT met)")
                    .matcher(report).find(), "the report lacks the goal row '" + goal + "' with its verdict:\n"
                    + report);
        }
        // failsafe's JVM is not the benchmark's -Xmx256m one: goal 5's verdict may go either way here
        assertTrue(Pattern.compile("(?m)^goal 5: peak RSS of this JVM.*heap max \\d+ MiB: (met|NOT met)")
                .matcher(report).find(), "the report lacks goal 5 (the run in -Xmx256m):\n" + report);
        assertTrue(report.contains("scaling grid: catch-up rows/s, ceiling rows/s")
                && Pattern.compile("(?m)^ +1000 \\| +\\d+ +\\d+ +[0-9.]+ +[0-9.]+$").matcher(report).find(),
                "the report lacks the scaling grid's cell (catch-up, ceiling, ratio, us/row):\n" + report);
    }
}
