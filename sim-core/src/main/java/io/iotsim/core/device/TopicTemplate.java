package io.iotsim.core.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A topic template compiled once per profile: {@code devices/{device_id}/telemetry}, with
 * {@code {device_id}}, {@code {device_type}} and {@code {label.NAME}}. Resolved once per device
 * (and again when its labels change), never per reading.
 */
public final class TopicTemplate {

  private sealed interface Part permits Literal, DeviceId, DeviceType, Label {}

  private record Literal(String text) implements Part {}

  private record DeviceId() implements Part {}

  private record DeviceType() implements Part {}

  private record Label(String name) implements Part {}

  private final List<Part> parts;

  private TopicTemplate(List<Part> parts) {
    this.parts = parts;
  }

  /**
   * @throws IllegalArgumentException for an unknown or unclosed placeholder
   */
  public static TopicTemplate compile(String template) {
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        parts.add(new Literal(template.substring(i)));
        break;
      }
      if (open > i) {
        parts.add(new Literal(template.substring(i, open)));
      }
      int close = template.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("unclosed '{' at " + (open + 1) + " in '" + template + "'");
      }
      String name = template.substring(open + 1, close);
      if (name.equals("device_id")) {
        parts.add(new DeviceId());
      } else if (name.equals("device_type")) {
        parts.add(new DeviceType());
      } else if (name.startsWith("label.") && name.length() > 6) {
        parts.add(new Label(name.substring(6)));
      } else {
        throw new IllegalArgumentException(
            "unknown placeholder {" + name + "} (expected {device_id}, {device_type} or {label.NAME})");
      }
      i = close + 1;
    }
    return new TopicTemplate(List.copyOf(parts));
  }

  /** A missing label resolves to the empty string, as MQTT topic levels may be empty. */
  public String resolve(String deviceId, String deviceType, Map<String, String> labels) {
    StringBuilder sb = new StringBuilder(64);
    for (Part p : parts) {
      if (p instanceof Literal l) {
        sb.append(l.text());
      } else if (p instanceof DeviceId) {
        sb.append(deviceId);
      } else if (p instanceof DeviceType) {
        sb.append(deviceType);
      } else if (p instanceof Label l) {
        sb.append(labels.getOrDefault(l.name(), ""));
      }
    }
    return sb.toString();
  }
}
