package io.iotsim.core.device;

import io.iotsim.core.fault.FaultState;
import io.iotsim.core.generator.FieldGenerators;
import io.iotsim.core.payload.EnvelopeLayout;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.schedule.TickWindow;
import java.util.Map;

/**
 * What only some devices carry: faults, a behaviour changed by an update, a slowed-down interval,
 * publishes delayed by a latency spike. One reference in every device, null for the devices that
 * never needed it, so a plain device pays 4 bytes for all of this.
 */
public final class DeviceExtras {

  /** Delayed publishes of one window: the window is acknowledged when the last has gone out. */
  public static final class PendingWindow {
    final TickWindow window;
    int remaining;
    boolean sealed;

    PendingWindow(TickWindow window) {
      this.window = window;
    }

    /** One delayed publish has gone out (or was given up on). */
    void done() {
      remaining--;
      if (remaining == 0 && sealed) {
        window.arrive();
      }
    }

    /** The device has handled the window's readings; it completes when the delayed ones are out. */
    void seal() {
      sealed = true;
      if (remaining == 0) {
        window.arrive();
      }
    }
  }

  FaultState faults;

  /** Set by an update; null while the batch's labels hold. */
  volatile Map<String, String> labels;

  /**
   * The interval an update or a slowdown set; 0 while the batch's holds. A device's own (with
   * labels, ~16 B) rather than a field of every device: few devices ever change it.
   */
  long intervalMillis;

  /**
   * The device's own profile, layout and generators after an update replaced generators; null for
   * the batch's.
   */
  DeviceProfile profile;

  EnvelopeLayout layout;

  FieldGenerators generators;

  /** The interval before backpressure doubled it, when {@link #slowed}. */
  long baseInterval;

  boolean slowed;

  /** The window whose delayed publishes are being counted, while its Advance is handled. */
  PendingWindow pending;

  /** Delayed publishes not yet out, across windows. */
  int outstanding;

  /** Told to passivate (or hand off): it goes once the wheel and its delayed publishes let go. */
  boolean passivating;
}
