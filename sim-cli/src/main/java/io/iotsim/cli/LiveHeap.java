package io.iotsim.cli;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Bytes of live objects in this JVM, counted by a class histogram (which collects first), so the
 * figure means the same under every collector. The used heap after {@code System.gc()} does not:
 * ZGC's also holds what was allocated while it collected (~10 % more at a million devices).
 */
final class LiveHeap {

  private LiveHeap() {}

  static long bytes() {
    try {
      Object histogram =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "gcClassHistogram",
                  new Object[] {new String[0]},
                  new String[] {String[].class.getName()});
      return total((String) histogram);
    } catch (JMException e) {
      throw new IllegalStateException("cannot count the live heap: " + e.getMessage(), e);
    }
  }

  /** The bytes of the histogram's last line, {@code Total <instances> <bytes>}. */
  static long total(String histogram) {
    String[] lines = histogram.strip().split("\n");
    String[] last = lines[lines.length - 1].strip().split("\\s+");
    if (!last[0].equals("Total")) {
      throw new IllegalStateException(
          "a class histogram without its total: " + lines[lines.length - 1]);
    }
    return Long.parseLong(last[last.length - 1]);
  }
}
