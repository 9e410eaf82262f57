package io.binlogsync.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time by thread, for costs that a shared, noisy machine does not distort the way it distorts rates: a thread
 * waiting for a core costs no CPU time. Threads are grouped by name without their trailing number
 * ({@code pipeline-writer-1} and {@code -2} are {@code pipeline-writer}).
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startNanos = new HashMap<>();

    private ThreadCpu() {
    }

    /** Starts counting: the CPU time threads have used so far is not counted. */
    static ThreadCpu start() {
        ThreadCpu cpu = new ThreadCpu();
        for (long id : THREADS.getAllThreadIds()) {
            cpu.startNanos.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
        }
        return cpu;
    }

    /** CPU nanoseconds per thread group since {@link #start}, for threads still alive now. */
    Map<String, Long> nanosByGroup() {
        Map<String, Long> byGroup = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            ThreadInfo info = THREADS.getThreadInfo(id);
            long now = THREADS.getThreadCpuTime(id);
            if (info == null || now < 0) {
                continue;
            }
            long used = now - startNanos.getOrDefault(id, 0L);
            if (used > 0) {
                byGroup.merge(group(info.getThreadName()), used, Long::sum);
            }
        }
        return byGroup;
    }

    static String group(String threadName) {
        String name = threadName.replaceAll("[-#]?\\d+$", "");
        return name.startsWith("blc-") ? "blc (BinaryLogClient)" : name;
    }
}
