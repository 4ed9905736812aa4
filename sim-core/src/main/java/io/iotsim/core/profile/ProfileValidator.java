package io.iotsim.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsim.core.generator.GeneratorSpec;
import io.iotsim.core.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one validator behind YAML files, JSON trees and proto specs: reads a tree into a {@link
 * DeviceProfile} or reports every problem it finds, each at its path.
 */
final class ProfileValidator {

  static final List<String> KEYS =
      List.of(
          "type",
          "protocol",
          "topic_template",
          "telemetry_interval",
          "telemetry_fields",
          "labels",
          "qos",
          "backpressure",
          "connection",
          "protocol_options");

  private static final Pattern TYPE_NAME = Pattern.compile("[a-z0-9_-]+");

  /**
   * protocol_options may not hold this key: the connection mode is a key (and a spec field) of its
   * own.
   */
  static final String RESERVED_OPTION = "connection";

  private final Problems problems = new Problems();

  private ProfileValidator() {}

  static boolean isLabelName(String name) {
    return LabelRules.keyProblem(name).isEmpty();
  }

  /** The profile in {@code tree}; {@code earlier} are problems found before (e.g. duplicates). */
  static DeviceProfile validate(JsonNode tree, List<Problem> earlier) {
    ProfileValidator v = new ProfileValidator();
    earlier.forEach(p -> v.problems.add(p.path(), p.message()));
    DeviceProfile profile = v.read(tree);
    if (!v.problems.isEmpty()) {
      throw new ProfileException(v.problems.list());
    }
    return profile;
  }

  private DeviceProfile read(JsonNode root) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      problems.add("(root)", "the profile is empty");
      return null;
    }
    if (!root.isObject()) {
      problems.add(
          "(root)", "must be a mapping of profile keys (got " + JsonValues.show(root) + ")");
      return null;
    }
    root.fieldNames()
        .forEachRemaining(
            key -> {
              if (!KEYS.contains(key)) {
                problems.add(key, "unknown key (expected one of " + String.join(", ", KEYS) + ")");
              }
            });
    String type = type(root.get("type"));
    String protocol =
        oneOf(
            root.get("protocol"),
            "protocol",
            DeviceProfile.PROTOCOLS,
            DeviceProfile.DEFAULT_PROTOCOL);
    String topic = topicTemplate(root.get("topic_template"), protocol);
    Duration interval = interval(root.get("telemetry_interval"));
    List<FieldSpec> fields = fields(root.get("telemetry_fields"));
    Map<String, String> labels = labels(root.get("labels"));
    Integer qos =
        root.has("qos") && !root.get("qos").isNull()
            ? problems.integer(root.get("qos"), "qos", 0, 2, "0, 1 or 2")
            : Integer.valueOf(DeviceProfile.DEFAULT_QOS);
    Backpressure backpressure =
        enumValue(
            root.get("backpressure"), "backpressure", Backpressure.class, Backpressure.SLOW_DOWN);
    ConnectionMode connection =
        enumValue(
            root.get("connection"), "connection", ConnectionMode.class, ConnectionMode.POOLED);
    Map<String, Object> options = protocolOptions(root.get("protocol_options"));
    if (!problems.isEmpty()) {
      return null;
    }
    return new DeviceProfile(
        type, protocol, topic, interval, fields, labels, qos, backpressure, connection, options);
  }

  private String type(JsonNode node) {
    if (node == null || node.isNull()) {
      problems.add("type", "required (the device type, e.g. temperature_sensor)");
      return null;
    }
    String type = problems.text(node, "type");
    if (type != null && !TYPE_NAME.matcher(type).matches()) {
      problems.add("type", "must be lower-case letters, digits, '_' or '-' (got '" + type + "')");
      return null;
    }
    return type;
  }

  private String oneOf(JsonNode node, String key, List<String> allowed, String fallback) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    String value = problems.text(node, key);
    if (value != null && !allowed.contains(value)) {
      problems.add(
          key,
          "unknown "
              + key
              + " '"
              + value
              + "' (expected one of "
              + String.join(", ", allowed)
              + ")");
      return null;
    }
    return value;
  }

  private <E extends Enum<E>> E enumValue(JsonNode node, String key, Class<E> type, E fallback) {
    List<String> names =
        Arrays.stream(type.getEnumConstants())
            .map(e -> e.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.toList());
    String value = oneOf(node, key, names, fallback.name().toLowerCase(Locale.ROOT));
    return value == null ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
  }

  private String topicTemplate(JsonNode node, String protocol) {
    if (node == null || node.isNull()) {
      return DeviceProfile.DEFAULT_TOPIC_TEMPLATE;
    }
    String template = problems.text(node, "topic_template");
    if (template == null) {
      return null;
    }
    List<String> found = new ArrayList<>(TopicTemplates.problems(template));
    TopicRules.templateProblem(protocol, template).ifPresent(found::add);
    found.forEach(m -> problems.add("topic_template", m));
    return found.isEmpty() ? template : null;
  }

  private Duration interval(JsonNode node) {
    if (node == null || node.isNull()) {
      return DeviceProfile.DEFAULT_TELEMETRY_INTERVAL;
    }
    Duration d;
    try {
      d = Durations.parse(node.isValueNode() ? node.asText() : node.toString());
    } catch (IllegalArgumentException e) {
      problems.add("telemetry_interval", e.getMessage());
      return null;
    }
    if (d.compareTo(DeviceProfile.MIN_TELEMETRY_INTERVAL) < 0) {
      problems.add(
          "telemetry_interval",
          "must be at least "
              + Durations.format(DeviceProfile.MIN_TELEMETRY_INTERVAL)
              + " (got "
              + node.asText()
              + ")");
      return null;
    }
    return d;
  }

  private List<FieldSpec> fields(JsonNode node) {
    String path = "telemetry_fields";
    if (node == null || node.isNull()) {
      problems.add(path, "required: at least one field");
      return null;
    }
    if (!node.isObject()) {
      problems.add(
          path,
          "must be a mapping of field names to generators (got " + JsonValues.show(node) + ")");
      return null;
    }
    if (node.isEmpty()) {
      problems.add(path, "at least one field is required");
      return null;
    }
    GeneratorParser parser = new GeneratorParser(problems);
    List<FieldSpec> fields = new ArrayList<>();
    node.fields()
        .forEachRemaining(
            e -> {
              String fieldPath = Problems.join(path, e.getKey());
              if (e.getKey().isBlank()) {
                problems.add(fieldPath, "a field name must not be empty");
                return;
              }
              GeneratorSpec generator = parser.parse(e.getValue(), fieldPath, Set.of("precision"));
              Integer precision = FieldSpec.DEFAULT_PRECISION;
              if (e.getValue().isObject() && e.getValue().has("precision")) {
                precision =
                    problems.integer(
                        e.getValue().get("precision"),
                        Problems.join(fieldPath, "precision"),
                        0,
                        FieldSpec.MAX_PRECISION,
                        "a number of decimal places from 0 to " + FieldSpec.MAX_PRECISION);
              }
              if (generator != null && precision != null) {
                fields.add(new FieldSpec(e.getKey(), generator, precision));
              }
            });
    return fields;
  }

  private Map<String, String> labels(JsonNode node) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return labels;
    }
    if (!node.isObject()) {
      problems.add(
          "labels",
          "must be a mapping of label names to values (got " + JsonValues.show(node) + ")");
      return labels;
    }
    node.fields()
        .forEachRemaining(
            e -> {
              String path = Problems.join("labels", e.getKey());
              LabelRules.keyProblem(e.getKey()).ifPresent(m -> problems.add(path, m));
              JsonNode value = e.getValue();
              if (value.isTextual() || value.isNumber() || value.isBoolean()) {
                // YAML reads firmware: 1.2 as a number; a label is text either way
                LabelRules.valueProblem(value.asText()).ifPresent(m -> problems.add(path, m));
                labels.put(e.getKey(), value.asText());
              } else {
                problems.add(path, "must be a string (got " + JsonValues.show(value) + ")");
              }
            });
    return labels;
  }

  private Map<String, Object> protocolOptions(JsonNode node) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      problems.add("protocol_options", "must be a mapping (got " + JsonValues.show(node) + ")");
      return Map.of();
    }
    if (node.has(RESERVED_OPTION)) {
      problems.add(
          Problems.join("protocol_options", RESERVED_OPTION),
          "reserved: set the connection mode with the top-level 'connection' key");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> options = (Map<String, Object>) JsonValues.plain(node);
    return options;
  }
}
