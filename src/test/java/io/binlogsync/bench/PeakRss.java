package io.binlogsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process's peak resident set (VmHWM in /proc/PID/status, Linux) and its reset (5 written to
 * /proc/PID/clear_refs, Linux 4.0+), so each mode's peak is its own: this JVM's, or Elasticsearch's server JVM,
 * found among this JVM's descendants by its main class (the harness starts it through a launcher).
 */
record PeakRss(long pid) {
    private static final String ELASTICSEARCH_MAIN = "org.elasticsearch.bootstrap.Elasticsearch";

    static PeakRss thisJvm() {
        return new PeakRss(ProcessHandle.current().pid());
    }

    /** Elasticsearch's server JVM started by this JVM, if there is one and its command line can be read. */
    static Optional<PeakRss> elasticsearch() {
        return ProcessHandle.current().descendants()
                .filter(process -> commandLine(process.pid()).contains(ELASTICSEARCH_MAIN))
                .map(process -> new PeakRss(process.pid())).findFirst();
    }

    /** False where the kernel or the process's owner does not allow it: the peak then runs from its start. */
    boolean reset() {
        try {
            Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The peak in MiB, NaN where /proc cannot be read. */
    double mebibytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
