package io.periscope.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * CPU time of the measuring thread over one JMH iteration. On a shared machine wall-clock throughput measures the
 * neighbours; the CPU time of the thread doing the work does not, so the benchmarks print their rate per CPU-second
 * of it beside JMH's scores.
 */
public final class ThreadCpuTime {
    private long startNanos;

    /** Starts (or restarts) the measurement on the calling thread. */
    public void start() {
        startNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** {@code count} per CPU-second of the calling thread since {@link #start()}. */
    public double perCpuSecond(double count) {
        double seconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - startNanos) / 1e9;
        return count / seconds;
    }
}
