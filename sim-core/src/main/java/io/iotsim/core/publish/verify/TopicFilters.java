package io.iotsim.core.publish.verify;

/** The subscription that receives every topic a template can resolve to. */
public final class TopicFilters {

  private TopicFilters() {}

  /**
   * MQTT: each level that holds a {@code {placeholder}} becomes {@code +} ({@code
   * devices/{device_id}/telemetry -> devices/+/telemetry}).
   */
  public static String mqtt(String template) {
    String[] levels = template.split("/", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < levels.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(levels[i].contains("{") ? "+" : levels[i]);
    }
    return out.toString();
  }

  /** AMQP topic exchange: levels become words, placeholders {@code *}. */
  public static String amqp(String template) {
    return amqpOf(mqtt(template));
  }

  /**
   * An MQTT filter as an AMQP topic-exchange binding key, the way the AMQP publisher turns topics
   * into routing keys ({@code /} to {@code .}): {@code +} becomes {@code *}, {@code #} stays.
   */
  public static String amqpOf(String mqttFilter) {
    return mqttFilter.replace('/', '.').replace('+', '*');
  }
}
