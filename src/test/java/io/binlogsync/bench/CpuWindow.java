package io.binlogsync.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The CPU used during one measured window by this JVM (every thread, the garbage collector's and the compiler's
 * included: {@code getProcessCpuTime}) and by a server process, beside the window's wall time. A thread waiting for
 * a core costs no CPU time, so these figures suffer less than rates from a shared, noisy machine.
 */
record CpuWindow(long wallNanos, long jvmNanos, long serverNanos) {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Starts a window; {@code serverCpu} is the server's CPU time so far. */
    static Started start(Supplier<Duration> serverCpu) {
        return new Started(System.nanoTime(), OS.getProcessCpuTime(), serverCpu.get().toNanos(), serverCpu);
    }

    record Started(long wall, long jvm, long server, Supplier<Duration> serverCpu) {
        CpuWindow stop() {
            return new CpuWindow(System.nanoTime() - wall, OS.getProcessCpuTime() - jvm,
                    serverCpu.get().toNanos() - server);
        }
    }

    double jvmMicrosPerRow(long rows) {
        return jvmNanos / 1000.0 / rows;
    }

    double serverMicrosPerRow(long rows) {
        return serverNanos / 1000.0 / rows;
    }

    /** Cores this JVM kept busy on average. */
    double jvmCores() {
        return (double) jvmNanos / wallNanos;
    }

    double serverCores() {
        return (double) serverNanos / wallNanos;
    }

    double rowsPerSecond(long rows) {
        return rows / (wallNanos / 1e9);
    }
}
