package io.iotsim.cluster.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.Problem;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.core.profile.ProfileTree;
import io.iotsim.core.time.Durations;
import io.iotsim.proto.simulator.v1.DeviceSpec;
import io.iotsim.proto.simulator.v1.TelemetryField;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Profiles to and from the wire's {@link DeviceSpec}, losslessly. Both directions go through the
 * profile's tree ({@link ProfileTree}): a spec coming in is validated by the same validator as a
 * YAML file, so a bad spec gets the same messages, at the same paths, and a generator needs no
 * mapping of its own here.
 */
public final class ProfileProtos {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ProfileProtos() {}

  public static DeviceSpec toSpec(DeviceProfile p) {
    DeviceSpec.Builder spec =
        DeviceSpec.newBuilder()
            .setDeviceType(p.type())
            .setProtocol(p.protocol())
            .setTopicTemplate(p.topicTemplate())
            .setTelemetryInterval(ProtoMapping.duration(p.telemetryInterval()))
            .putAllLabels(p.labels())
            .setQos(p.qos())
            .setBackpressure(p.backpressure().yamlName())
            .setConnection(p.connection().yamlName());
    addFields(spec, ProfileTree.fields(p));
    ObjectNode tree = ProfileTree.toTree(p);
    if (tree.has("protocol_options")) {
      spec.setProtocolOptions(struct(tree.get("protocol_options")));
    }
    return spec.build();
  }

  /** Adds a {@code telemetry_fields} mapping (name -> generator) as the spec's fields. */
  public static void addFields(DeviceSpec.Builder spec, JsonNode fields) {
    for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      spec.addTelemetryFields(
          TelemetryField.newBuilder().setName(f.getKey()).setGenerator(struct(f.getValue())));
    }
  }

  /**
   * Validates a spec from the wire.
   *
   * @throws io.iotsim.core.profile.ProfileException with the same paths a YAML profile gets
   */
  public static DeviceProfile fromSpec(DeviceSpec spec) {
    ObjectNode root = JSON.objectNode();
    List<Problem> problems = new ArrayList<>();
    putIfNotEmpty(root, "type", spec.getDeviceType());
    putIfNotEmpty(root, "protocol", spec.getProtocol());
    putIfNotEmpty(root, "topic_template", spec.getTopicTemplate());
    if (spec.hasTelemetryInterval()) {
      root.put("telemetry_interval", interval(spec.getTelemetryInterval()));
    }
    root.set("telemetry_fields", fields(spec.getTelemetryFieldsList(), problems));
    ObjectNode labels = root.putObject("labels");
    spec.getLabelsMap().forEach(labels::put);
    root.put("qos", Integer.toUnsignedLong(spec.getQos()));
    putIfNotEmpty(root, "backpressure", spec.getBackpressure());
    putIfNotEmpty(root, "connection", spec.getConnection());
    if (spec.hasProtocolOptions()) {
      root.set("protocol_options", node(spec.getProtocolOptions()));
    }
    return ProfileLoader.fromTree(root, problems);
  }

  /** The {@code telemetry_fields} mapping of wire fields; a repeated name is a problem. */
  public static ObjectNode fields(List<TelemetryField> list, List<Problem> problems) {
    ObjectNode fields = JSON.objectNode();
    Set<String> seen = new HashSet<>();
    for (TelemetryField field : list) {
      if (!seen.add(field.getName())) {
        problems.add(new Problem("telemetry_fields." + field.getName(), "duplicate field"));
        continue;
      }
      fields.set(field.getName(), node(field.getGenerator()));
    }
    return fields;
  }

  private static String interval(com.google.protobuf.Duration d) {
    Duration duration = Duration.ofSeconds(d.getSeconds(), d.getNanos());
    // a negative one is left for the validator to report in its usual words
    return duration.isNegative() ? duration.toString() : Durations.format(duration);
  }

  private static void putIfNotEmpty(ObjectNode node, String key, String value) {
    if (!value.isEmpty()) {
      node.put(key, value);
    }
  }

  private static Struct struct(JsonNode object) {
    Struct.Builder s = Struct.newBuilder();
    object.fields().forEachRemaining(e -> s.putFields(e.getKey(), value(e.getValue())));
    return s.build();
  }

  private static Value value(JsonNode v) {
    if (v == null || v.isNull()) {
      return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    }
    if (v.isNumber()) {
      return Value.newBuilder().setNumberValue(v.doubleValue()).build();
    }
    if (v.isBoolean()) {
      return Value.newBuilder().setBoolValue(v.booleanValue()).build();
    }
    if (v.isTextual()) {
      return Value.newBuilder().setStringValue(v.textValue()).build();
    }
    if (v.isObject()) {
      return Value.newBuilder().setStructValue(struct(v)).build();
    }
    if (v.isArray()) {
      ListValue.Builder l = ListValue.newBuilder();
      v.forEach(x -> l.addValues(value(x)));
      return Value.newBuilder().setListValue(l).build();
    }
    throw new IllegalArgumentException("cannot put " + v.getNodeType() + " in a Struct");
  }

  private static ObjectNode node(Struct s) {
    ObjectNode o = JSON.objectNode();
    s.getFieldsMap().forEach((k, v) -> o.set(k, node(v)));
    return o;
  }

  private static JsonNode node(Value v) {
    switch (v.getKindCase()) {
      case NUMBER_VALUE:
        return JSON.numberNode(v.getNumberValue());
      case STRING_VALUE:
        return JSON.textNode(v.getStringValue());
      case BOOL_VALUE:
        return JSON.booleanNode(v.getBoolValue());
      case STRUCT_VALUE:
        return node(v.getStructValue());
      case LIST_VALUE:
        ArrayNode a = JSON.arrayNode();
        v.getListValue().getValuesList().forEach(x -> a.add(node(x)));
        return a;
      default:
        return JSON.nullNode();
    }
  }
}
