package io.binlogsync.bench;

import io.binlogsync.checkpoint.Checkpoint;
import io.binlogsync.checkpoint.StateFile;
import io.binlogsync.config.ConfigLoader;
import io.binlogsync.config.SyncConfig;
import io.binlogsync.event.BinlogPosition;
import io.binlogsync.version.VersionBounds;
import io.binlogsync.runtime.Daemon;
import io.binlogsync.sink.Sink;
import io.binlogsync.sink.es.ElasticsearchSink;
import io.binlogsync.sink.redis.RedisSink;
import io.binlogsync.testing.HttpResult;
import io.binlogsync.testing.servers.LocalSearchServer;
import io.binlogsync.testing.servers.MariaDbServer;
import io.binlogsync.testing.servers.TestServers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark (bench/run.sh): starts private servers, writes the workload, and measures in one JVM (run
 * with -Xmx256m) MariaDB's write rate, the bare library's read rate, the reading-alone rate, the raw _bulk rate
 * through the daemon's client, the physical ceiling (prebuilt bodies, minimal client), the daemon's catch-up with
 * its process CPU per row, the live lag and each mode's peak RSS (this JVM's and Elasticsearch's); every figure
 * over several runs after one uncounted warm-up run (more for the modes that last a second, see COMPILER_PASSES).
 * Prints one table with issue 14's goals, the lag histogram and the bulk-size x in-flight scaling grid.
 */
public final class Benchmark {
    private static final Duration DEADLINE = Duration.ofMinutes(30);
    /** Reading alone takes seconds; a pipeline that failed is only seen when this passes. */
    private static final Duration READING_DEADLINE = Duration.ofMinutes(5);

    private final BenchOptions options;
    private final TestServers servers;
    private final ItemsWorkload workload;
    private final BenchIndices indices;
    private final Path directory;
    private final ResultTable table = new ResultTable();
    private final MinimalBulkSender sender;
    /** Peak resident sets by table row, a value a run (the warm-up's first). */
    private final Map<String, List<Double>> peaks = new LinkedHashMap<>();
    private boolean elasticsearchPeakReset = true;
    /** Adds goal 4's row, among the other goals' rows; nothing when the live mode did not run. */
    private Runnable liveGoal = () -> { };
    private SyncConfig defaults;
    private int serverId = 4300;
    private int indexNumber;

    private Benchmark(BenchOptions options, TestServers servers, Path directory) {
        this.options = options;
        this.servers = servers;
        this.workload = new ItemsWorkload(servers.mariadb(), options.inserts());
        this.indices = new BenchIndices(servers.elasticsearch());
        this.directory = directory;
        this.sender = new MinimalBulkSender(servers.elasticsearch().url());
    }

    public static void main(String[] args) {
        int exit = 0;
        try {
            BenchOptions options = BenchOptions.parse(args);
            Path directory = Files.createTempDirectory("binlog-sync-bench");
            try (TestServers servers = TestServers.start()) {
                System.out.print(new Benchmark(options, servers, directory).run());
            } finally {
                try (var files = Files.walk(directory)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        } catch (Exception | Error e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    private String run() throws Exception {
        defaults = config("unused", null, null);
        int bulk = defaults.elasticsearch().bulk().maxActions();
        int inFlight = defaults.pipeline().inFlightBatches();
        progress("workload: %,d inserts, %,d updates, %,d deletes; %d counted runs after 1 warm-up; heap max %.0f MiB;"
                + " defaults: bulk %d, in flight %d", options.inserts(), options.inserts() / 2, options.inserts() / 4,
                options.runs(), Runtime.getRuntime().maxMemory() / 1048576.0, bulk, inFlight);

        List<ItemsWorkload.Written> writes = new ArrayList<>();
        Spread writeRate = repeat("MariaDB write", options.runs("write") ? options.runs() : 0, () -> {
            ItemsWorkload.Written written = workload.write(workload.recreateTable(), CommitTimes.NONE);
            writes.add(written);
            return written.rowsPerSecond();
        });
        ItemsWorkload.Written segment = writes.get(writes.size() - 1);
        progress("binlog of the last workload: %s .. %s, %,d row changes", segment.start(), segment.end(), segment.rows());
        if (options.runs("write")) {
            table.add("1 MariaDB writes the workload", "rows/s", writeRate, "JDBC batches, 100 rows a transaction");
        }

        Spread bare = null;
        List<Double> bareCpu = new ArrayList<>();
        List<Double> bareServerCpu = new ArrayList<>();
        if (options.runs("bare")) {
            BareLibraryReader reader = new BareLibraryReader(servers.mariadb(), DEADLINE);
            Measurement bareRead = () -> {
                BareLibraryReader.Read read = reader.read(segment.start(), segment.end(), ++serverId);
                requireRows("bare library", read.rows(), segment.rows());
                bareCpu.add(read.cpuNanos() / 1000.0 / read.rows());
                bareServerCpu.add(read.serverCpuNanos() / 1000.0 / read.rows());
                return read.rows() / (read.nanos() / 1e9);
            };
            compilerPasses("bare library", bareRead);
            bareCpu.clear();
            bareServerCpu.clear();
            bare = repeat("bare library", options.runs(), bareRead);
            table.add("2 bare library: BinaryLogClient, default deserializer", "rows/s", bare, "every value touched");
            table.add("2b bare library: CPU of its reader thread", "us/row", counted(bareCpu), "thread CPU time");
            table.add("2b bare library: CPU of MariaDB meanwhile", "us/row", counted(bareServerCpu),
                    "mariadbd process, same 2 cores");
        }

        Path captured = directory.resolve("documents.bin");
        Spread reading = null;
        if (options.runs("reading") || options.runs("raw") || options.runs("ceiling") || options.runs("scaling")) {
            capture(segment, captured);
        }
        long documents = options.inserts() - options.inserts() / 4;
        if (options.runs("reading")) {
            compilerPasses("reading alone", () -> readingAlone(segment));
            readingCpu.clear();
            reading = repeat("reading alone", options.runs(),
                    () -> measuringPeaks("reading alone", () -> readingAlone(segment)));
            table.add("3 reading alone: source + mapping + serialisation", "rows/s", reading, "counting sink");
            readingCpu.forEach((thread, perRow) -> table.add("3b reading alone: CPU of " + thread, "us/row",
                    counted(perRow), thread.startsWith("MariaDB") ? "mariadbd process, same 2 cores"
                            : "thread CPU time"));
        }

        Spread raw = null;
        if (options.runs("raw")) {
            RawBulk rawBulk = new RawBulk(defaults, captured);
            raw = repeat("raw _bulk", options.runs(), () -> rawRate(rawBulk, bulk, inFlight, segment, documents));
            table.add("4 raw _bulk: the daemon's documents through its own sink", "rows/s", raw,
                    "bulk " + bulk + ", " + inFlight + " in flight, no binlog");
        }

        Spread ceiling = null;
        if (options.runs("ceiling")) {
            List<CpuWindow> windows = new ArrayList<>();
            ceiling = repeat("ceiling", options.runs(), () -> measuringPeaks("the ceiling", () -> {
                windows.add(ceiling(captured, bulk, inFlight, documents));
                return windows.get(windows.size() - 1).rowsPerSecond(segment.rows());
            }));
            table.add("4c ceiling: the same actions, prebuilt bodies, minimal client", "rows/s", ceiling, "bulk "
                    + bulk + ", " + inFlight + " in flight, java.net.http, bodies built before the clock");
            addCpuRows("4c ceiling", "the sender (whole JVM)", windows, segment.rows());
        }

        Spread catchUp = null;
        Spread catchUpCpu = null;
        if (options.runs("catchup")) {
            List<CpuWindow> windows = new ArrayList<>();
            catchUp = repeat("catch-up", options.runs(), () -> measuringPeaks("catch-up", () -> {
                windows.add(catchUp(segment, null, null));
                return windows.get(windows.size() - 1).rowsPerSecond(segment.rows());
            }));
            table.add("5 catch-up: the daemon, ES + Redis + state file", "rows/s", catchUp,
                    "bulk " + bulk + ", " + inFlight + " in flight");
            catchUpCpu = addCpuRows("5b catch-up", "the daemon's process", windows, segment.rows());
        }

        // before the live mode, which writes new workloads: the scaling runs read the same binlog as the catch-up
        Grid grid = options.runs("scaling") ? scaling(segment, captured, documents) : null;
        String histogram = null;
        if (options.runs("live")) {
            histogram = live();
        }

        peaks.forEach((row, values) -> table.add(row, "MiB", counted(values), row.contains("Elasticsearch")
                ? "VmHWM of its server JVM (heap -Xmx1g)" + (elasticsearchPeakReset ? "" : ", since its start")
                : "VmHWM, whole JVM, -Xmx256m"));
        if (catchUp != null && raw != null) {
            table.add("catch-up / raw _bulk (the daemon's own client, no binlog)", "ratio", catchUp.dividedBy(raw),
                    "run i / run i; not a goal");
        }
        addGoals(bulk, inFlight, catchUp, ceiling, catchUpCpu, grid, reading, bare);

        StringBuilder report = new StringBuilder(String.format("%nbinlog-sync benchmark: %,d inserts, %,d updates,"
                        + " %,d deletes (%,d row changes); %d runs after 1 warm-up; %d cores; heap max %.0f MiB%n%n",
                options.inserts(), options.inserts() / 2, options.inserts() / 4, options.rows(), options.runs(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1048576.0));
        report.append(table.render());
        if (histogram != null) {
            report.append(String.format("%nlive lag, commit returned -> ES and Redis acknowledged, all counted runs:%n%s",
                    histogram));
        }
        if (grid != null) {
            report.append(String.format("%nscaling grid: catch-up rows/s, ceiling rows/s, their ratio and the daemon's"
                    + " CPU in us/row during catch-up, by bulk size (rows) and requests in flight (columns), one run"
                    + " each:%n%s", grid.text()));
        }
        return report.toString();
    }

    /** Runs the benchmark against servers already started (the smoke test's); returns the printed report. */
    static String run(BenchOptions options, TestServers servers, Path directory) throws Exception {
        return new Benchmark(options, servers, directory).run();
    }

    /** The warm-up run (not counted), then {@code runs} counted ones. */
    private Spread repeat(String what, int runs, Measurement measurement) throws Exception {
        double warmUp = measurement.run();
        progress("%s: warm-up %,.0f", what, warmUp);
        List<Double> values = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            values.add(measurement.run());
            progress("%s: run %d/%d %,.0f", what, run, runs, values.get(values.size() - 1));
        }
        return runs == 0 ? null : new Spread(values);
    }

    /**
     * Passes before the warm-up of a mode that lasts about a second (the bare library, reading alone): the JIT
     * compiler is still at work after one such pass (reading alone ran 571,000, 734,000, then 769,000 rows/s in its
     * 2nd to 4th passes), while a daemon runs for days; both modes get the same, so neither is compared cold.
     */
    private static final int COMPILER_PASSES = 2;

    private void compilerPasses(String what, Measurement measurement) throws Exception {
        for (int pass = 1; pass <= COMPILER_PASSES; pass++) {
            progress("%s: pass %d/%d for the JIT compiler (not counted) %,.0f", what, pass, COMPILER_PASSES,
                    measurement.run());
        }
    }

    @FunctionalInterface
    private interface Measurement {
        double run() throws Exception;
    }

    /** Keeps the daemon's documents for the raw _bulk ceiling (a pass through the reading-alone path). */
    private void capture(ItemsWorkload.Written segment, Path file) throws Exception {
        CapturedDocuments capture = new CapturedDocuments(file);
        try (BenchPipeline pipeline = new BenchPipeline(config("capture", null, null), List.of(capture))) {
            pipeline.start(segment.start());
            await(pipeline::acknowledged, pipeline::failure, segment.end());
        }
        requireRows("captured documents", capture.count(), segment.rows());
    }

    /** Counted runs only: the warm-up's figures are left out. */
    private static Spread counted(List<Double> withWarmUp) {
        return new Spread(withWarmUp.subList(1, withWarmUp.size()));
    }

    private final Map<String, List<Double>> readingCpu = new java.util.LinkedHashMap<>();

    /**
     * From connecting to the binlog until the counting sink has the segment's last document: the span the bare
     * library is timed over (from its connect to its last event). The pipeline's preparation before (mappings
     * compiled, state file saved) and the checkpoint's save after are logged but not timed: neither is reading.
     */
    private double readingAlone(ItemsWorkload.Written segment) throws Exception {
        CountingSink counting = new CountingSink(segment.rows());
        long nanos;
        try (BenchPipeline pipeline = new BenchPipeline(config("reading", null, null), List.of(counting))) {
            long prepared = System.nanoTime();
            pipeline.prepare(segment.start());
            ThreadCpu cpu = ThreadCpu.start();
            long serverCpu = servers.mariadb().cpuTime().toNanos();
            long began = System.nanoTime();
            pipeline.startSource();
            long allCounted;
            try {
                allCounted = counting.awaitAll(READING_DEADLINE);
            } catch (IllegalStateException notAll) {
                pipeline.failure().ifPresent(notAll::addSuppressed);
                throw notAll;
            }
            nanos = allCounted - began;
            readingCpu.computeIfAbsent("MariaDB meanwhile", t -> new ArrayList<>())
                    .add((servers.mariadb().cpuTime().toNanos() - serverCpu) / 1000.0 / segment.rows());
            await(pipeline::acknowledged, pipeline::failure, segment.end());
            progress("reading alone: prepared in %.1f ms; from the binlog's connect: first document counted after"
                    + " %.1f ms, last after %.1f ms (timed), the end's checkpoint saved after %.1f ms",
                    (began - prepared) / 1e6, (counting.firstWriteNanos() - began) / 1e6, nanos / 1e6,
                    (System.nanoTime() - began) / 1e6);
            Map<String, Long> used = cpu.nanosByGroup();
            for (String thread : List.of("binlog-source", "pipeline-mapper")) {
                readingCpu.computeIfAbsent(thread, t -> new ArrayList<>())
                        .add(used.getOrDefault(thread, 0L) / 1000.0 / segment.rows());
            }
            // every thread group's share, for finding what else than the source and the mapper costs
            progress("reading alone: CPU by thread, us/row: %s", used.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> e.getKey() + " " + String.format("%.3f", e.getValue() / 1000.0 / segment.rows()))
                    .collect(java.util.stream.Collectors.joining(", ")));
            readingCpu.computeIfAbsent("all JVM threads", t -> new ArrayList<>())
                    .add(used.values().stream().mapToLong(Long::longValue).sum() / 1000.0 / segment.rows());
        }
        requireRows("reading alone", counting.documents(), segment.rows());
        return segment.rows() / (nanos / 1e9);
    }

    private double rawRate(RawBulk rawBulk, int bulk, int inFlight, ItemsWorkload.Written segment, long documents)
            throws Exception {
        String index = "raw-" + ++indexNumber;
        indices.create(index);
        long nanos = rawBulk.send(index, bulk, inFlight, DEADLINE);
        indices.verifyAndDelete(index, documents);
        return segment.rows() / (nanos / 1e9);
    }

    /**
     * The real daemon from the segment's start (a state file holding it) until it has saved the end; the window
     * measured holds the daemon's threads only (the harness polls once a millisecond).
     */
    private CpuWindow catchUp(ItemsWorkload.Written segment, Integer bulk, Integer inFlight) throws Exception {
        String index = "items-" + ++indexNumber;
        indices.create(index);
        SyncConfig config = config(index, bulk, inFlight);
        new StateFile(config.state().file()).save(new Checkpoint(segment.start(), Optional.empty(), Instant.now()));
        CpuWindow used;
        try (Daemon daemon = new Daemon(config, Clock.systemUTC())) {
            CpuWindow.Started cpu = CpuWindow.start(servers.elasticsearch()::cpuTime);
            daemon.start();
            await(daemon::acknowledged, daemon::failure, segment.end());
            used = cpu.stop();
        }
        indices.verifyAndDelete(index, options.inserts() - options.inserts() / 4);
        return used;
    }

    /**
     * The physical ceiling: the daemon's captured operations as prebuilt bodies (built, and their garbage
     * collected, before the clock starts) posted by the minimal sender; nothing else of the JVM runs meanwhile.
     */
    private CpuWindow ceiling(Path captured, int bulk, int inFlight, long documents) throws Exception {
        String index = "ceiling-" + ++indexNumber;
        indices.create(index);
        List<byte[]> bodies = PrebuiltBulkBodies.build(captured, index, bulk);
        System.gc();
        CpuWindow.Started cpu = CpuWindow.start(servers.elasticsearch()::cpuTime);
        sender.send(bodies, inFlight, DEADLINE);
        CpuWindow used = cpu.stop();
        bodies.clear();
        indices.verifyAndDelete(index, documents);
        return used;
    }

    /**
     * The workload written at full speed while the daemon's path (real sinks, then the acknowledgement recorder)
     * follows it; per run the lag percentiles, the write rate, and the peak RSS.
     */
    private String live() throws Exception {
        List<LagRecord> records = new ArrayList<>();
        List<Double> writeRates = new ArrayList<>();
        repeat("live", options.runs(), () -> measuringPeaks("live mode (incl. the writer)", () -> {
            BinlogPosition start = workload.recreateTable();
            String index = "live-" + ++indexNumber;
            indices.create(index);
            SyncConfig config = config(index, options.liveBulk(), options.liveInFlight());
            var retry = config.pipeline();
            AcknowledgementRecorder acknowledged = new AcknowledgementRecorder(options.inserts());
            List<Sink> sinks = List.of(
                    new ElasticsearchSink(config.elasticsearch(), retry.retryInitialBackoff(), retry.retryMaxBackoff(),
                            Clock.systemUTC(), VersionBounds.ceilingOfFile(start)),
                    new RedisSink(config.redis().orElseThrow(), retry.retryInitialBackoff(), retry.retryMaxBackoff(),
                            Clock.systemUTC()),
                    acknowledged);
            CommitTimes commits = new CommitTimes(options.inserts());
            ItemsWorkload.Written written;
            try (BenchPipeline pipeline = new BenchPipeline(config, sinks)) {
                pipeline.start(start);
                // following already: a transaction on an unmapped table, acknowledged, before the workload starts
                await(pipeline::acknowledged, pipeline::failure, workload.markerTransaction());
                written = workload.write(start, commits, options.liveRate());
                await(pipeline::acknowledged, pipeline::failure, written.end());
            }
            indices.verifyAndDelete(index, options.inserts() - options.inserts() / 4);
            LagRecord lags = new LagRecord(lags(commits, acknowledged));
            requireRows("live lags", lags.count(), written.rows());
            writeRates.add(written.rowsPerSecond());
            records.add(lags);
            return lags.percentileMillis(99);
        }));
        records.remove(0);
        writeRates.remove(0);
        SyncConfig live = config("unused", options.liveBulk(), options.liveInFlight());
        table.add("6 live: MariaDB write rate while the daemon follows", "rows/s", new Spread(writeRates), "bulk "
                + live.elasticsearch().bulk().maxActions() + ", " + live.pipeline().inFlightBatches() + " in flight"
                + (options.liveRate() > 0 ? ", writer held to " + options.liveRate() + " rows/s" : ", writer at full speed"));
        for (double percent : new double[] {50, 90, 99}) {
            table.add("6 live lag p" + (int) percent + ", commit -> ES and Redis acknowledged", "ms",
                    new Spread(records.stream().map(r -> r.percentileMillis(percent)).toList()), "");
        }
        table.add("6 live lag max", "ms", new Spread(records.stream().map(LagRecord::maxMillis).toList()), "");
        // goal 4: p99 < 1 s with the writer at full speed; p50 < 50 ms at a steady 10,000 rows/s
        double percent = options.liveRate() == 0 ? 99 : 50;
        Spread goalLag = new Spread(records.stream().map(r -> r.percentileMillis(percent)).toList());
        String writer = options.liveRate() == 0 ? "writer at full speed"
                : "writer held to " + options.liveRate() + " rows/s";
        liveGoal = () -> table.addGoal("goal 4: live lag p" + (int) percent + ", " + writer, "ms", goalLag,
                ResultTable.Target.atMost(options.liveRate() == 0 ? 1000 : 50), false,
                options.liveRate() == 0 || options.liveRate() == 10_000 ? "" : "the issue states p50 at 10,000 rows/s");
        return LagRecord.histogram(records);
    }

    private long[] lags(CommitTimes commits, AcknowledgementRecorder acknowledged) {
        List<Long> lags = new ArrayList<>();
        for (CommitTimes.Kind kind : CommitTimes.Kind.values()) {
            for (int id = 1; id <= options.inserts(); id++) {
                long committed = commits.of(kind, id);
                if (committed != 0) {
                    long at = acknowledged.of(kind, id);
                    if (at == 0) {
                        throw new IllegalStateException("the " + kind + " of id " + id + " was never acknowledged");
                    }
                    lags.add(at - committed);
                }
            }
        }
        return lags.stream().mapToLong(Long::longValue).toArray();
    }

    /** The scaling grid's text and the ratio catch-up / ceiling of each of its cells. */
    private record Grid(String text, Spread ratios) {
    }

    private Grid scaling(ItemsWorkload.Written segment, Path captured, long documents) throws Exception {
        StringBuilder text = new StringBuilder(String.format("%8s", "bulk"));
        for (int inFlight : options.inFlights()) {
            text.append(String.format(" | %-33s", inFlight + " in flight"));
        }
        text.append(String.format("%n%8s", ""));
        for (int ignored : options.inFlights()) {
            text.append(String.format(" | %8s %8s %5s %9s", "catch-up", "ceiling", "ratio", "us/row"));
        }
        text.append(System.lineSeparator());
        List<Double> ratios = new ArrayList<>();
        for (int bulk : options.bulkSizes()) {
            text.append(String.format("%8d", bulk));
            for (int inFlight : options.inFlights()) {
                CpuWindow daemon = catchUp(segment, bulk, inFlight);
                CpuWindow minimal = ceiling(captured, bulk, inFlight, documents);
                double catchUp = daemon.rowsPerSecond(segment.rows());
                double ceiling = minimal.rowsPerSecond(segment.rows());
                double cpu = daemon.jvmMicrosPerRow(segment.rows());
                progress("scaling: bulk %d, %d in flight: catch-up %,.0f, ceiling %,.0f, %.1f us/row", bulk, inFlight,
                        catchUp, ceiling, cpu);
                ratios.add(catchUp / ceiling);
                text.append(String.format(" | %8.0f %8.0f %5.2f %9.1f", catchUp, ceiling, catchUp / ceiling, cpu));
            }
            text.append(System.lineSeparator());
        }
        return new Grid(text.toString(), new Spread(ratios));
    }

    /** A mode's CPU rows (its JVM's and Elasticsearch's, per row and in cores) over the counted runs. */
    private Spread addCpuRows(String mode, String jvm, List<CpuWindow> withWarmUp, long rows) {
        List<CpuWindow> windows = withWarmUp.subList(1, withWarmUp.size());
        Spread perRow = spread(windows, window -> window.jvmMicrosPerRow(rows));
        table.add(mode + ": CPU of " + jvm, "us/row", perRow,
                "process CPU time, all threads, GC and JIT included");
        table.add(mode + ": cores " + jvm + " kept busy", "cores", spread(windows, CpuWindow::jvmCores), "");
        table.add(mode + ": CPU of Elasticsearch meanwhile", "us/row",
                spread(windows, window -> window.serverMicrosPerRow(rows)), "its process, same cores");
        table.add(mode + ": cores Elasticsearch kept busy", "cores", spread(windows, CpuWindow::serverCores), "");
        return perRow;
    }

    private static Spread spread(List<CpuWindow> windows, ToDoubleFunction<CpuWindow> figure) {
        return new Spread(windows.stream().map(figure::applyAsDouble).toList());
    }

    /** Issue 14's goals 1 to 3 and 5, each beside its target (goal 4 is the live mode's). */
    private void addGoals(int bulk, int inFlight, Spread catchUp, Spread ceiling, Spread catchUpCpu, Grid grid,
                          Spread reading, Spread bare) {
        if (catchUp != null && ceiling != null) {
            table.addGoal("goal 1: catch-up / ceiling at the defaults", "ratio", catchUp.dividedBy(ceiling),
                    ResultTable.Target.atLeast(0.80), false, "bulk " + bulk + ", " + inFlight + " in flight;"
                            + " run i / run i");
        }
        if (grid != null) {
            table.addGoal("goal 1: catch-up / ceiling, each cell of the scaling grid", "ratio", grid.ratios(),
                    ResultTable.Target.atLeast(0.80), true, "median, worst and best cell, one run each");
        }
        if (catchUpCpu != null) {
            table.addGoal("goal 2: the daemon's CPU during catch-up", "us/row", catchUpCpu,
                    ResultTable.Target.atMost(10), false, "all threads; about 45 before issue 14");
        }
        if (reading != null && bare != null) {
            table.addGoal("goal 3: reading alone / bare library", "ratio", reading.dividedBy(bare),
                    ResultTable.Target.atLeast(0.75), false, "run i / run i; 0.40 before issue 14");
        }
        liveGoal.run();
        List<Double> jvmPeaks = new ArrayList<>();
        peaks.forEach((row, values) -> {
            if (!row.contains("Elasticsearch")) {
                jvmPeaks.addAll(values);
            }
        });
        if (!jvmPeaks.isEmpty()) {
            double heap = Runtime.getRuntime().maxMemory() / 1048576.0;
            table.add("goal 5: peak RSS of this JVM, every mode and run", "MiB", new Spread(jvmPeaks),
                    // warm-ups included: the goal is about the whole run
                    String.format("whole run with heap max %.0f MiB: %s", heap, heap <= 256 ? "met" : "NOT met"
                            + " (run it with -Xmx256m)"));
        }
    }

    /**
     * Runs a measurement between resets of the peak resident sets of this JVM and of Elasticsearch, and records
     * both peaks under the mode's name.
     */
    private <T> T measuringPeaks(String during, Callable<T> measured) throws Exception {
        PeakRss jvm = PeakRss.thisJvm();
        Optional<PeakRss> elasticsearch = PeakRss.elasticsearch();
        jvm.reset();
        elasticsearchPeakReset &= elasticsearch.map(PeakRss::reset).orElse(true);
        T result = measured.call();
        peaks.computeIfAbsent("7 peak RSS of this JVM during " + during, row -> new ArrayList<>())
                .add(jvm.mebibytes());
        peaks.computeIfAbsent("7 peak RSS of Elasticsearch during " + during, row -> new ArrayList<>())
                .add(elasticsearch.map(PeakRss::mebibytes).orElse(Double.NaN));
        return result;
    }

    private SyncConfig config(String index, Integer bulk, Integer inFlight) {
        MariaDbServer mariadb = servers.mariadb();
        return ConfigLoader.parse("""
                source { port = %d, user = "%s", password = "%s", server-id = %d }
                state.file = "%s"
                elasticsearch { hosts = ["%s"] %s }
                redis { uri = "%s" }
                %s
                mappings = [ { table = "%s", index = "%s", redis.invalidate = ["item:{id}", "sku:{sku}"] } ]
                """.formatted(mariadb.port(), MariaDbServer.SYNC_USER, MariaDbServer.SYNC_PASSWORD, ++serverId,
                directory.resolve(index + ".state.json"), servers.elasticsearch().url(),
                bulk == null ? "" : ", bulk { max-actions = " + bulk + " }", servers.redis().uri(),
                inFlight == null ? "" : "pipeline { in-flight-batches = " + inFlight + " }", ItemsWorkload.TABLE,
                index), "bench.conf", Map.of());
    }

    /** Polls (every millisecond, up to the deadline) until the acknowledged position reaches {@code end}. */
    private static void await(Supplier<Checkpoint> acknowledged, Supplier<Optional<Throwable>> failure,
                              BinlogPosition end) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Optional<Throwable> failed = failure.get();
            if (failed.isPresent()) {
                throw new IllegalStateException("the daemon failed before reaching " + end, failed.get());
            }
            Checkpoint checkpoint = acknowledged.get();
            if (checkpoint != null && checkpoint.position().compareTo(end) >= 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not at " + end + " within " + DEADLINE + "; at "
                        + (checkpoint == null ? "nothing" : checkpoint.position()));
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static void requireRows(String what, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException(what + ": " + actual + " row changes, expected " + expected);
        }
    }

    private static void progress(String format, Object... args) {
        // the time of day, to find a mode's window in a JFR recording
        System.err.printf("[bench %s] " + format + "%n", prepend(java.time.LocalTime.now().withNano(0), args));
    }

    /**
     * The benchmark's indices: one shard, no replica, a fresh one per run (external versions would refuse a replay).
     */
    private static final class BenchIndices {
        private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
        private final LocalSearchServer elasticsearch;

        BenchIndices(LocalSearchServer elasticsearch) {
            this.elasticsearch = elasticsearch;
        }

        void create(String index) {
            require(elasticsearch.request("PUT", "/" + index,
                    "{\"settings\":{\"index\":{\"number_of_shards\":1,\"number_of_replicas\":0}}}"),
                    "create " + index);
        }

        /** Checks the index holds {@code expected} documents, then deletes it. */
        void verifyAndDelete(String index, long expected) {
            elasticsearch.refresh(index);
            HttpResult result = require(elasticsearch.request("GET", "/" + index + "/_count", null),
                    "count " + index);
            Matcher count = COUNT.matcher(result.body());
            long actual = count.find() ? Long.parseLong(count.group(1)) : -1;
            require(elasticsearch.request("DELETE", "/" + index, null), "delete " + index);
            if (actual != expected) {
                throw new IllegalStateException("index " + index + " holds " + actual + " documents, expected "
                        + expected);
            }
        }

        private static HttpResult require(HttpResult result, String what) {
            if (!result.isSuccess()) {
                throw new IllegalStateException(what + " answered " + result.status() + ": " + result.body());
            }
            return result;
        }
    }
}
