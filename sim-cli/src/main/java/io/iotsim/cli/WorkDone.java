package io.iotsim.cli;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;

/**
 * The CPU time this JVM used and the bytes its threads allocated since a point in time. On a shared
 * machine a phase's wall-clock time moves with the neighbours; the work it took moves much less, so
 * the bench reports both for the spawn.
 */
final class WorkDone {

  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final OperatingSystemMXBean PROCESS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final long cpuNanos0 = PROCESS.getProcessCpuTime();
  private final long allocated0 = THREADS.getTotalThreadAllocatedBytes();

  /** CPU seconds of every thread, the collector's and the compiler's included. */
  double cpuSeconds() {
    return (PROCESS.getProcessCpuTime() - cpuNanos0) / 1e9;
  }

  /** Bytes allocated on the heap, garbage included. */
  long allocatedBytes() {
    return THREADS.getTotalThreadAllocatedBytes() - allocated0;
  }
}
