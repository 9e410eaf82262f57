package io.binlogsync.testing.servers;

import io.binlogsync.testing.HarnessLog;
import io.binlogsync.testing.LogTail;
import io.binlogsync.testing.Poll;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A long-running server program whose output goes to a log file, stopped as a whole process tree. */
final class ServerProcess {

    private static final Duration KILL_WAIT = Duration.ofSeconds(15);
    private static final int LOG_LINES_IN_ERRORS = 50;

    private final String name;
    private final Process process;
    private final Path logFile;

    private ServerProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    static ServerProcess start(
            String name, List<String> command, Map<String, String> environment, Path workingDir, Path logFile) {
        try {
            Files.writeString(logFile, "--- " + Instant.now() + " starting: " + String.join(" ", command) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(new File("/dev/null"));
            builder.environment().putAll(environment);
            return new ServerProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** CPU time the server's processes have used so far (the process and its descendants; zero where unknown). */
    java.time.Duration cpuTime() {
        ProcessHandle handle = process.toHandle();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(handle), handle.descendants())
                .map(each -> each.info().totalCpuDuration().orElse(java.time.Duration.ZERO))
                .reduce(java.time.Duration.ZERO, java.time.Duration::plus);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /** For wait conditions: ends the wait at once, with the log's tail, if the process has exited. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new Poll.GiveUp(name + " exited with code " + process.exitValue() + "\n"
                    + LogTail.lastLines(logFile, LOG_LINES_IN_ERRORS));
        }
    }

    /** SIGTERM, then SIGKILL to the whole tree if it is not gone within {@code grace}. */
    void stop(Duration grace) {
        stop(grace, List.of());
    }

    /**
     * SIGTERM to this process and to {@code alsoTerminate} (processes it started that must stop too),
     * then SIGKILL to whatever of the tree remains after {@code grace}.
     */
    void stop(Duration grace, List<ProcessHandle> alsoTerminate) {
        // Taken before signalling: once the parent is gone its children are no longer its descendants.
        List<ProcessHandle> tree = tree(alsoTerminate);
        alsoTerminate.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!Poll.tryUntil(grace, name + " to exit", () -> tree.stream().noneMatch(ProcessHandle::isAlive))) {
            HarnessLog.info(name + " (pid " + pid() + ") did not stop within " + Poll.format(grace) + "; killing it");
            killAll(tree);
        }
        awaitReaped();
    }

    /** SIGKILL to the process and everything it started; returns once they are gone. */
    void kill() {
        killAll(tree(List.of()));
    }

    private List<ProcessHandle> tree(List<ProcessHandle> extra) {
        List<ProcessHandle> tree = new ArrayList<>(extra);
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        return tree;
    }

    private void killAll(List<ProcessHandle> tree) {
        List<ProcessHandle> all = new ArrayList<>(tree);
        process.descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroyForcibly);
        Poll.until(KILL_WAIT, name + " (pid " + pid() + ") to die after SIGKILL",
                () -> all.stream().noneMatch(ProcessHandle::isAlive));
        awaitReaped();
    }

    /**
     * Waits until the JVM has reaped the process too: its handle may report it gone while {@link #isAlive} (the
     * Process, which a JDK thread marks exited after waitpid) still says alive, and a start right after a stop would
     * then take the server for running.
     */
    private void awaitReaped() {
        Poll.until(KILL_WAIT, name + " (pid " + pid() + ") to be reaped", () -> !process.isAlive());
    }
}
