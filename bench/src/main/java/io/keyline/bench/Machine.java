package io.keyline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The machine a benchmark ran on, for the report: numbers are only comparable between runs on
 * machines like it.
 *
 * @param memoryBytes the machine's physical memory, or -1 where the JVM does not tell
 * @param loadAverage the system load average of the last minute when this was taken (other work on
 *     the machine slows the run), or a negative number where the JVM does not tell
 */
record Machine(
        int cores, long memoryBytes, long maxHeapBytes, String jdk, String os, double loadAverage) {

    /** The machine this JVM runs on, and its load now. */
    static Machine current() {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                physicalMemory(),
                Runtime.getRuntime().maxMemory(),
                System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version")
                        + " ("
                        + System.getProperty("java.vm.vendor")
                        + ")",
                System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.version")
                        + " "
                        + System.getProperty("os.arch"),
                currentLoadAverage());
    }

    static double currentLoadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long physicalMemory() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
        }
        return -1;
    }
}
