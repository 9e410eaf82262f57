package io.binlogsync.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A short-lived program run to completion, its output kept in a log file. */
public record ExternalCommand(List<String> command, Path logFile, Duration deadline) {

    /** Output of one run; the log file may hold earlier runs, this is only this run's. */
    public record Result(int exitCode, String output) {
    }

    public ExternalCommand {
        command = List.copyOf(command);
    }

    public Result run() {
        try {
            Files.writeString(logFile, "", StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .redirectInput(new File("/dev/null"))
                    .start();
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + Poll.format(deadline) + "\n" + LogTail.lastLines(logFile, 20));
            }
            return new Result(process.exitValue(), new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Runs and returns the output; a non-zero exit becomes an error carrying that output. */
    public String runSuccessfully() {
        Result result = run();
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + result.exitCode()
                    + "\n" + result.output() + "\n(log: " + logFile + ")");
        }
        return result.output();
    }
}
