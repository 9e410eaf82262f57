package io.binlogsync.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged daemon ({@code target/binlog-sync.jar}) run as a separate process, to kill or signal it. */
final class DaemonProcess {
    private final Process process;
    private final Path log;

    private DaemonProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static Path jar() {
        Path jar = Paths.get("target", "binlog-sync.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `mvn package`");
        }
        return jar;
    }

    static DaemonProcess start(Path log, String... args) throws IOException {
        return startWith(List.of(), log, args);
    }

    /** With extra JVM options (after -Xmx256m). */
    static DaemonProcess startWith(List<String> jvmOptions, Path log, String... args) throws IOException {
        return startWith(Map.of(), jvmOptions, log, args);
    }

    /** With environment variables added to this JVM's, and extra JVM options (after -Xmx256m). */
    static DaemonProcess startWith(Map<String, String> environment, List<String> jvmOptions, Path log, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new DaemonProcess(process, log);
    }

    /** Runs a command to its end (deadline 60 s) and returns its exit code. */
    static int run(Path log, String... args) throws IOException, InterruptedException {
        DaemonProcess daemon = start(log, args);
        if (!daemon.process.waitFor(60, TimeUnit.SECONDS)) {
            daemon.kill();
            throw new AssertionError("binlog-sync " + String.join(" ", args) + " did not end in 60 s");
        }
        return daemon.process.exitValue();
    }

    /** Waits for the process to end on its own and returns its exit code; throws at the deadline. */
    int awaitExit(java.time.Duration deadline) throws InterruptedException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the process did not end within " + deadline + "; log: " + logText());
        }
        return process.exitValue();
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns the exit code, or throws when it does not end within the deadline. */
    int terminate(long seconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the daemon did not exit within " + seconds + " s of SIGTERM; log: " + logText());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
