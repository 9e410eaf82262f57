package io.binlogsync.testing.servers;

import io.binlogsync.testing.Directories;
import io.binlogsync.testing.FreePort;
import io.binlogsync.testing.HarnessLog;
import io.binlogsync.testing.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The lifecycle the harness's servers share: a server program run as a child of this JVM, in a
 * temporary directory of its own, on a port of 127.0.0.1 that restarts keep. A subclass says how to
 * launch the program and when it is ready; this class guards start, stops, kills and cleans up.
 *
 * @param <S> the subclass, which {@link #start()}, {@link #restart()} and {@link #onPort(int)} return
 */
abstract class LocalServer<S extends LocalServer<S>> implements AutoCloseable {

    static final String HOST = "127.0.0.1";

    private final String name;
    private final String directoryPrefix;
    private final Duration stopTimeout;
    private volatile Path root;
    private volatile int port;
    private int requestedPort;
    private ServerProcess process;
    private boolean closed;
    private volatile boolean closeRequested;

    /**
     * @param name what messages call the server, e.g. "MariaDB"
     * @param directoryPrefix how the name of its temporary directory starts
     * @param stopTimeout how long {@link #stop()} waits after SIGTERM before SIGKILL
     */
    LocalServer(String name, String directoryPrefix, Duration stopTimeout) {
        this.name = name;
        this.directoryPrefix = directoryPrefix;
        this.stopTimeout = stopTimeout;
    }

    /** Starts the server program; {@link #root()} and {@link #port()} are set. */
    protected abstract ServerProcess launch();

    /** Returns once the launched server serves; throws if it does not in time, or if it exits. */
    protected abstract void awaitReady();

    /** Listens on {@code fixedPort} instead of a free one (the demo's fixed ports); before the first start. */
    public final S onPort(int fixedPort) {
        this.requestedPort = fixedPort;
        return self();
    }

    /** Starts the server and waits until it serves; the first start creates its directory and picks its port. */
    public final synchronized S start() {
        if (closed) {
            throw new IllegalStateException(name + " server is closed");
        }
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " server already running on port " + port);
        }
        long started = System.nanoTime();
        if (root == null) {
            root = Directories.createTemp(directoryPrefix);
            port = requestedPort > 0 ? requestedPort : FreePort.find();
        }
        try {
            process = launch();
            awaitReady();
        } catch (RuntimeException | AssertionError e) {
            stop();
            throw e;
        }
        HarnessLog.info(name + " up on " + endpoint() + " in " + HarnessLog.secondsSince(started) + " (" + root + ")");
        return self();
    }

    /** SIGTERM, SIGKILL to what remains after the stop timeout. Harmless when not running. */
    public final synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> outsideTree = processesOutsideTree();
        if (process.isAlive() || !outsideTree.isEmpty()) {
            process.stop(stopTimeout, outsideTree);
        }
        afterStop();
    }

    /** Stops and starts again on the same port. */
    public final synchronized S restart() {
        stop();
        return start();
    }

    /** CPU time the running server has used so far (for the benchmark's per-row costs). */
    public final synchronized java.time.Duration cpuTime() {
        return process == null ? java.time.Duration.ZERO : process.cpuTime();
    }

    /** SIGKILL, as a crash would. */
    public final synchronized void kill() {
        if (process != null && process.isAlive()) {
            processesOutsideTree().forEach(ProcessHandle::destroyForcibly);
            process.kill();
            afterStop();
        }
    }

    /** Stops the server and deletes its directory; harmless twice. */
    @Override
    public final void close() {
        closeRequested = true; // makes a start in progress on another thread give up and release the lock
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stop();
            Directories.delete(root);
        }
    }

    public final String host() {
        return HOST;
    }

    public final int port() {
        return port;
    }

    /** The server's directory; null before the first start. */
    protected final Path root() {
        return root;
    }

    /** What the startup log line says the server is up on. */
    protected String endpoint() {
        return HOST + ":" + port;
    }

    /**
     * Server processes that may have left the tree of the launched program (their parent died) but
     * must stop and die with it; none by default.
     */
    protected List<ProcessHandle> processesOutsideTree() {
        return List.of();
    }

    /** Runs after {@link #stop()} (once the server has been launched) and after {@link #kill()}; nothing by default. */
    protected void afterStop() {
    }

    /** For wait conditions in {@link #awaitReady()}: ends the wait at once if the server is closed or has exited. */
    protected final void requireStillWanted() {
        if (closeRequested) {
            throw new Poll.GiveUp("closed while starting");
        }
        process.requireAlive();
    }

    @SuppressWarnings("unchecked") // S is the subclass, as the type parameter's bound intends
    private S self() {
        return (S) this;
    }
}
