package io.iotsim.core.publish.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsim.core.publish.DeviceLink;
import io.iotsim.core.seed.Fnv1a64;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a device does with a cloud-to-device command: acknowledge it on {@code <topic>/ack}, count
 * it, and hand it to the device's listener. Device-side business logic is out of scope: every
 * command is acknowledged "ok".
 */
final class CommandHandler {

  private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LongAdder handled = new LongAdder();

  /** Called on an MQTT client thread for a message on {@code device}'s command topic. */
  void handle(DeviceLink device, String topic, byte[] payload, MqttLink link) {
    String commandId = commandIdOf(payload);
    link.publish(CommandTopic.ackTopicOf(topic), 1, ack(device.deviceId(), commandId))
        .whenComplete(
            (ok, error) -> {
              if (error != null) {
                log.warn(
                    "ack of command {} for {} failed: {}",
                    commandId,
                    device.deviceId(),
                    error.toString());
              }
            });
    handled.increment();
    try {
      device.commands().onCommand(commandId, topic, payload);
    } catch (RuntimeException e) {
      log.warn("command listener of {} failed", device.deviceId(), e);
    }
  }

  long handledCount() {
    return handled.sum();
  }

  /** The {@code command_id} of a JSON command, else an id derived from the message bytes. */
  static String commandIdOf(byte[] payload) {
    try {
      JsonNode node = JSON.readTree(payload);
      if (node != null && node.hasNonNull("command_id") && node.get("command_id").isValueNode()) {
        return node.get("command_id").asText();
      }
    } catch (IOException e) {
      // not JSON: fall through to the derived id
    }
    return "cmd-" + HexFormat.of().toHexDigits(Fnv1a64.hash(payload));
  }

  static byte[] ack(String deviceId, String commandId) {
    ObjectNode ack = JSON.createObjectNode();
    ack.put("device_id", deviceId);
    ack.put("command_id", commandId);
    ack.put("status", "ok");
    try {
      return JSON.writeValueAsBytes(ack);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
