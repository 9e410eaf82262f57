package io.binlogsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's peak resident set (VmHWM in /proc/self/status). {@link #reset} sets the peak back to the current
 * resident set (writing 5 to /proc/self/clear_refs, Linux 4.0+), so each mode's peak is its own.
 */
final class PeakRss {
    private PeakRss() {
    }

    /** False where the kernel does not allow it: the peaks then run from the JVM's start. */
    static boolean reset() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static double mebibytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
