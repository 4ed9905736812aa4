package io.iotsim.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Topic templates. Placeholders: {@code {device_id}}, {@code {device_type}} and {@code
 * {label.NAME}}; the label need not be in the profile, since spawns add labels.
 */
public final class TopicTemplates {

  private TopicTemplates() {}

  /** What is wrong with {@code template}, as messages; empty when it is fine. */
  static List<String> problems(String template) {
    List<String> problems = new ArrayList<>();
    if (template.isBlank()) {
      problems.add("must not be empty");
      return problems;
    }
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '}') {
        problems.add("unmatched '}' at column " + (i + 1));
        i++;
      } else if (c == '{') {
        int close = template.indexOf('}', i + 1);
        int nextOpen = template.indexOf('{', i + 1);
        if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
          problems.add("unclosed '{' at column " + (i + 1));
          i++;
          continue;
        }
        String name = template.substring(i + 1, close);
        if (!known(name)) {
          problems.add(
              "unknown placeholder '{"
                  + name
                  + "}' (expected {device_id}, {device_type} or {label.NAME})");
        }
        i = close + 1;
      } else {
        i++;
      }
    }
    return problems;
  }

  private static boolean known(String name) {
    return name.equals("device_id")
        || name.equals("device_type")
        || (name.startsWith("label.") && ProfileValidator.isLabelName(name.substring(6)));
  }

  /**
   * The topic of one device. Done once per device, not per reading.
   *
   * @throws IllegalArgumentException when the template names a label the device does not have (the
   *     template itself was checked when the profile loaded)
   */
  public static String resolve(
      String template, String deviceId, String deviceType, Map<String, String> labels) {
    StringBuilder sb = new StringBuilder(template.length() + deviceId.length());
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        sb.append(template, i, template.length());
        break;
      }
      int close = template.indexOf('}', open);
      sb.append(template, i, open);
      String name = template.substring(open + 1, close);
      if (name.equals("device_id")) {
        sb.append(deviceId);
      } else if (name.equals("device_type")) {
        sb.append(deviceType);
      } else {
        String label = name.substring("label.".length());
        String value = labels.get(label);
        if (value == null) {
          throw new IllegalArgumentException(
              "topic_template '"
                  + template
                  + "' needs label '"
                  + label
                  + "', which "
                  + deviceId
                  + " does not have");
        }
        sb.append(value);
      }
      i = close + 1;
    }
    return sb.toString();
  }

  /** The labels {@code template} needs ({@code {label.NAME}}), in template order. */
  public static List<String> labels(String template) {
    List<String> labels = new ArrayList<>();
    int open = template.indexOf("{label.");
    while (open >= 0) {
      int close = template.indexOf('}', open);
      if (close < 0) {
        break;
      }
      labels.add(template.substring(open + "{label.".length(), close));
      open = template.indexOf("{label.", close);
    }
    return labels;
  }
}
