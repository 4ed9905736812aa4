package io.iotsim.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.HdrHistogram.Histogram;

/** Records stop-the-world GC pauses (not concurrent cycles) while open. */
final class GcPauses implements AutoCloseable {

  private final Histogram pausesMillis = new Histogram(3_600_000L, 3);
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onNotification;

  GcPauses() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  private void onNotification(Notification n, Object handback) {
    if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    // Concurrent cycles (G1 Concurrent GC, ZGC Cycles) run beside the application: not pauses.
    if (info.getGcName().contains("Concurrent") || info.getGcName().contains("Cycles")) {
      return;
    }
    synchronized (pausesMillis) {
      pausesMillis.recordValue(Math.max(0, info.getGcInfo().getDuration()));
    }
  }

  void reset() {
    synchronized (pausesMillis) {
      pausesMillis.reset();
    }
  }

  Histogram snapshot() {
    synchronized (pausesMillis) {
      return pausesMillis.copy();
    }
  }

  @Override
  public void close() {
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (ListenerNotFoundException ignored) {
        // already gone
      }
    }
  }
}
