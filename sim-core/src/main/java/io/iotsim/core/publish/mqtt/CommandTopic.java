package io.iotsim.core.publish.mqtt;

/**
 * The cloud-to-device command topic template, e.g. {@code devices/{device_id}/commands}: the topic
 * of one device, the wildcard filter that covers all devices (pooled connections), and the device
 * id read back from a topic that matched it.
 */
final class CommandTopic {

  static final String DEVICE_ID = "{device_id}";

  private final String template;
  private final String[] levels;
  private final int deviceLevel;

  CommandTopic(String template) {
    this.template = template;
    this.levels = template.split("/", -1);
    int found = -1;
    for (int i = 0; i < levels.length; i++) {
      if (levels[i].equals(DEVICE_ID)) {
        if (found >= 0) {
          throw new IllegalArgumentException("command-topic has {device_id} twice: " + template);
        }
        found = i;
      } else if (levels[i].contains("{") || levels[i].contains("+") || levels[i].contains("#")) {
        throw new IllegalArgumentException(
            "command-topic may only hold {device_id} as a whole level, no wildcards: " + template);
      }
    }
    if (found < 0) {
      throw new IllegalArgumentException("command-topic must contain {device_id}: " + template);
    }
    this.deviceLevel = found;
  }

  String topicOf(String deviceId) {
    return template.replace(DEVICE_ID, deviceId);
  }

  /** One subscription for every device: {device_id} as the single-level wildcard. */
  String wildcardFilter() {
    return template.replace(DEVICE_ID, "+");
  }

  /** The device id in {@code topic} when it is a command topic, else null. */
  String deviceIdOf(String topic) {
    String[] parts = topic.split("/", -1);
    if (parts.length != levels.length) {
      return null;
    }
    for (int i = 0; i < parts.length; i++) {
      if (i != deviceLevel && !parts[i].equals(levels[i])) {
        return null;
      }
    }
    return parts[deviceLevel].isEmpty() ? null : parts[deviceLevel];
  }

  static String ackTopicOf(String commandTopic) {
    return commandTopic + "/ack";
  }

  @Override
  public String toString() {
    return template;
  }
}
