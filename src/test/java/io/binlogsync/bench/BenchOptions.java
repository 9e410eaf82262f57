package io.binlogsync.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark's command line: {@code [INSERTS] [--runs=N] [--modes=...] [--bulk=A,B] [--in-flight=X,Y]
 * [--live=BULKxIN_FLIGHT]}. INSERTS scales the workload (updates are half of it, deletes a quarter); issue 6's size
 * is 200000. {@code --live} sets the live mode's bulk size and requests in flight (default: the daemon's defaults);
 * {@code --live-rate} holds the live mode's writer to that many rows a second (default: full speed, issue 6's goal).
 */
record BenchOptions(int inserts, int runs, Set<String> modes, List<Integer> bulkSizes, List<Integer> inFlights,
                    Integer liveBulk, Integer liveInFlight, int liveRate) {

    static final List<String> ALL_MODES = List.of("write", "bare", "reading", "raw", "ceiling", "catchup", "scaling",
            "live");

    static BenchOptions parse(String[] args) {
        int inserts = 20_000;
        int runs = 3;
        Set<String> modes = new LinkedHashSet<>(ALL_MODES);
        List<Integer> bulk = List.of(500, 1000, 2000, 5000);
        List<Integer> inFlight = List.of(1, 2, 4);
        Integer liveBulk = null;
        Integer liveInFlight = null;
        int liveRate = 0;
        for (String arg : args) {
            if (arg.startsWith("--runs=")) {
                runs = Integer.parseInt(value(arg));
            } else if (arg.startsWith("--modes=")) {
                modes = new LinkedHashSet<>(Arrays.asList(value(arg).split(",")));
                if (!ALL_MODES.containsAll(modes)) {
                    throw new IllegalArgumentException("--modes takes some of " + ALL_MODES + ", not " + modes);
                }
            } else if (arg.startsWith("--bulk=")) {
                bulk = numbers(value(arg));
            } else if (arg.startsWith("--in-flight=")) {
                inFlight = numbers(value(arg));
            } else if (arg.matches("--live=\\d+x\\d+")) {
                String[] parts = value(arg).split("x");
                liveBulk = Integer.parseInt(parts[0]);
                liveInFlight = Integer.parseInt(parts[1]);
            } else if (arg.matches("--live-rate=\\d+")) {
                liveRate = Integer.parseInt(value(arg));
            } else if (arg.matches("\\d+")) {
                inserts = Integer.parseInt(arg);
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; usage: bench/run.sh [INSERTS]"
                        + " [--runs=N] [--modes=" + String.join(",", ALL_MODES) + "] [--bulk=500,1000] [--in-flight=1,2] [--live=1000x2] [--live-rate=ROWS_PER_SECOND]");
            }
        }
        if (inserts < 100 || runs < 1) {
            throw new IllegalArgumentException("INSERTS must be at least 100 and --runs at least 1");
        }
        return new BenchOptions(inserts, runs, modes, bulk, inFlight, liveBulk, liveInFlight, liveRate);
    }

    boolean runs(String mode) {
        return modes.contains(mode);
    }

    int rows() {
        return inserts + inserts / 2 + inserts / 4;
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }

    private static List<Integer> numbers(String list) {
        List<Integer> numbers = new ArrayList<>();
        for (String part : list.split(",")) {
            numbers.add(Integer.parseInt(part.trim()));
        }
        return List.copyOf(numbers);
    }
}
