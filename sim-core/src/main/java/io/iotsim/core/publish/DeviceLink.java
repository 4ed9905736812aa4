package io.iotsim.core.publish;

import java.util.Map;

/**
 * A device as a publisher sees it when the device starts ({@link Publisher#attach}): enough to open
 * a per-device connection (client id, username templates, last will) and to route cloud-to-device
 * commands back to it.
 */
public record DeviceLink(
    String deviceId, String deviceType, Map<String, String> labels, CommandListener commands) {

  /** Receives cloud-to-device commands for one device; called on an I/O thread, must not block. */
  @FunctionalInterface
  public interface CommandListener {
    void onCommand(String commandId, String topic, byte[] payload);
  }

  public static final CommandListener IGNORE_COMMANDS = (id, topic, payload) -> {};
}
