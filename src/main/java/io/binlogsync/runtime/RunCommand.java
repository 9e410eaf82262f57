package io.binlogsync.runtime;

import io.binlogsync.config.ConfigException;
import io.binlogsync.config.SyncConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sun.misc.Signal;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the daemon: follows the binlog and applies mapped changes to Elasticsearch and Redis.",
                "Resumes from the state file; SIGTERM or SIGINT flushes what is in flight, saves the position and exits 0."})
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    CommandPreamble preamble;

    @Override
    public Integer call() throws Exception {
        SyncConfig config = preamble.config();
        CompletableFuture<String> stopRequested = new CompletableFuture<>();
        Daemon daemon = new Daemon(config, Clock.systemUTC());
        Signal.handle(new Signal("TERM"), signal -> {
            stopRequested.complete("SIGTERM");
            daemon.requestStop();
        });
        Signal.handle(new Signal("INT"), signal -> {
            stopRequested.complete("SIGINT");
            daemon.requestStop();
        });
        try {
            daemon.start();
        } catch (ConfigException e) {
            CommandRefused refused = preamble.mappingsDoNotFit("binlog-sync", e);
            daemon.close();
            throw refused;
        } catch (Exception e) {
            daemon.close();
            if (stopRequested.isDone()) {
                // interrupted during the initial snapshot: its progress is saved after every acknowledged chunk
                log.info("{} received while starting: stopped", stopRequested.join());
                Thread.interrupted();
                return ExitCode.OK;
            }
            log.debug("cannot start", e);
            log.error("cannot start: {}", e.getMessage(), LogSettings.unexpected(e) ? e : null);
            return ExitCode.FAILURE;
        }
        if (stopRequested.isDone()) {
            // asked to stop during the initial snapshot: its progress is saved after every chunk
            log.info("{} received: stopped before streaming", stopRequested.join());
            daemon.close();
            return ExitCode.OK;
        }
        CompletableFuture<Optional<Throwable>> failure = CompletableFuture.supplyAsync(() -> {
            try {
                return daemon.awaitTermination();
            } catch (InterruptedException e) {
                return Optional.empty();
            }
        });
        CompletableFuture.anyOf(stopRequested, failure).join();
        if (stopRequested.isDone()) {
            log.info("{} received: flushing and saving the position", stopRequested.join());
            daemon.close();
            Optional<Throwable> duringFlush = daemon.failure();
            duringFlush.ifPresent(cause -> log.error("stopped with an error: {}", cause.getMessage(),
                    LogSettings.unexpected(cause) ? cause : null));
            return duringFlush.isPresent() ? ExitCode.FAILURE : ExitCode.OK;
        }
        Throwable cause = failure.join().orElse(null);
        log.debug("stopping", cause);
        log.error("stopping: {}", cause == null ? "unknown failure" : cause.getMessage(),
                LogSettings.unexpected(cause) ? cause : null);
        daemon.close();
        return ExitCode.FAILURE;
    }
}
