package io.iotsim.core.profile;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which topics a protocol can publish to. MQTT: not empty, no wildcard ({@code +}, {@code #}), no
 * NUL, at most 65,535 bytes of UTF-8. AMQP (the topic becomes the routing key, {@code /} read as
 * {@code .}): no NUL, at most 255 bytes. A broker refuses anything else one reading at a time, so a
 * topic is checked once, where a profile is read and where devices are spawned.
 */
public final class TopicRules {

  static final int MQTT_MAX_BYTES = 65_535;
  static final int AMQP_MAX_BYTES = 255;

  private static final Pattern LABEL = Pattern.compile("\\{label\\.([^}]*)}");

  private TopicRules() {}

  /** What makes {@code topic} unusable over {@code protocol}; empty when it is fine. */
  public static Optional<String> problem(String protocol, String topic) {
    int bytes = topic.getBytes(StandardCharsets.UTF_8).length;
    if ("mqtt".equals(protocol)) {
      if (topic.isEmpty()) {
        return Optional.of("an MQTT topic must not be empty");
      }
      if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
        return Optional.of("an MQTT topic to publish to must not hold the wildcards + or #");
      }
      if (topic.indexOf('\0') >= 0) {
        return Optional.of("an MQTT topic must not hold NUL");
      }
      if (bytes > MQTT_MAX_BYTES) {
        return Optional.of(
            "an MQTT topic is at most " + MQTT_MAX_BYTES + " bytes (got " + bytes + ")");
      }
    } else if ("amqp".equals(protocol)) {
      if (topic.indexOf('\0') >= 0) {
        return Optional.of("an AMQP routing key must not hold NUL");
      }
      if (bytes > AMQP_MAX_BYTES) {
        return Optional.of(
            "an AMQP routing key is at most " + AMQP_MAX_BYTES + " bytes (got " + bytes + ")");
      }
    }
    return Optional.empty();
  }

  /** What is wrong with a template's own text (placeholders aside) over {@code protocol}. */
  static Optional<String> templateProblem(String protocol, String template) {
    return problem(protocol, template.replaceAll("\\{[^}]*}", "x"));
  }

  /**
   * Checks the topic the devices of {@code profile} with {@code labels} publish to.
   *
   * @throws IllegalArgumentException naming the label that makes it invalid ({@code labels.NAME}),
   *     or the template when no single label does; or as {@link TopicTemplates#resolve} when a
   *     label the template needs is missing
   */
  public static void check(DeviceProfile profile, Map<String, String> labels) {
    String template = profile.topicTemplate();
    String topic =
        TopicTemplates.resolve(template, profile.type() + "-000000", profile.type(), labels);
    Optional<String> problem = problem(profile.protocol(), topic);
    if (problem.isEmpty()) {
      return;
    }
    // name the label whose value alone breaks the topic, else the longest label in it
    String field = "topic_template";
    int longest = -1;
    Matcher m = LABEL.matcher(template);
    while (m.find()) {
      String value = labels.get(m.group(1));
      if (!value.isEmpty() && problem(profile.protocol(), value).isPresent()) {
        field = "labels." + m.group(1);
        break;
      }
      if (value.length() > longest) {
        longest = value.length();
        field = "labels." + m.group(1);
      }
    }
    throw new IllegalArgumentException(
        field
            + ": makes the "
            + profile.protocol()
            + " topic '"
            + LabelRules.printable(abbreviated(topic))
            + "' invalid: "
            + problem.get());
  }

  private static String abbreviated(String topic) {
    return topic.length() <= 120 ? topic : topic.substring(0, 117) + "...";
  }
}
