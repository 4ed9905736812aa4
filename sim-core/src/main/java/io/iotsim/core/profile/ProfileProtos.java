package io.iotsim.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.iotsim.core.generator.GeneratorSpec;
import io.iotsim.core.time.Durations;
import io.iotsim.proto.simulator.v1.DeviceSpec;
import io.iotsim.proto.simulator.v1.TelemetryField;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Profiles to and from the wire's {@link DeviceSpec}, losslessly. A spec coming in is turned into
 * the same tree a YAML file gives and validated by the same validator, so a bad spec gets the same
 * messages, at the same paths, as a bad file.
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
            .setTelemetryInterval(
                com.google.protobuf.Duration.newBuilder()
                    .setSeconds(p.telemetryInterval().getSeconds())
                    .setNanos(p.telemetryInterval().getNano()))
            .putAllLabels(p.labels())
            .setQos(p.qos())
            .setBackpressure(p.backpressure().yamlName());
    for (FieldSpec field : p.fields()) {
      Struct.Builder generator = generator(field.generator());
      generator.putFields("precision", number(field.precision()));
      spec.addTelemetryFields(
          TelemetryField.newBuilder().setName(field.name()).setGenerator(generator));
    }
    spec.setConnection(p.connection().yamlName());
    Struct.Builder options = Struct.newBuilder();
    p.protocolOptions().forEach((k, v) -> options.putFields(k, value(v)));
    if (options.getFieldsCount() > 0) {
      spec.setProtocolOptions(options);
    }
    return spec.build();
  }

  /**
   * Validates a spec from the wire.
   *
   * @throws ProfileException with the same paths a YAML profile gets
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
    ObjectNode fields = root.putObject("telemetry_fields");
    Set<String> seen = new HashSet<>();
    for (TelemetryField field : spec.getTelemetryFieldsList()) {
      if (!seen.add(field.getName())) {
        problems.add(new Problem("telemetry_fields." + field.getName(), "duplicate field"));
        continue;
      }
      fields.set(field.getName(), node(field.getGenerator()));
    }
    ObjectNode labels = root.putObject("labels");
    spec.getLabelsMap().forEach(labels::put);
    root.put("qos", Integer.toUnsignedLong(spec.getQos()));
    putIfNotEmpty(root, "backpressure", spec.getBackpressure());
    putIfNotEmpty(root, "connection", spec.getConnection());
    if (spec.hasProtocolOptions()) {
      root.set("protocol_options", node(spec.getProtocolOptions()));
    }
    return ProfileValidator.validate(root, problems);
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

  private static Struct.Builder generator(GeneratorSpec g) {
    Struct.Builder s = Struct.newBuilder();
    s.putFields("type", text(g.type()));
    if (g instanceof GeneratorSpec.Gaussian x) {
      s.putFields("mean", number(x.mean()));
      s.putFields("stddev", number(x.stddev()));
    } else if (g instanceof GeneratorSpec.Static x) {
      s.putFields("value", value(x.value()));
    } else if (g instanceof GeneratorSpec.Brownian x) {
      s.putFields("start", number(x.start()));
      s.putFields("drift", number(x.drift()));
      s.putFields("volatility", number(x.volatility()));
      s.putFields("mean_reversion", number(x.meanReversion()));
      s.putFields("mean", number(x.mean()));
      s.putFields("min", number(x.min()));
      s.putFields("max", number(x.max()));
    } else if (g instanceof GeneratorSpec.Diurnal x) {
      s.putFields("baseline", number(x.baseline()));
      s.putFields("amplitude", number(x.amplitude()));
      s.putFields("peak_hour", number(x.peakHour()));
      s.putFields("noise_stddev", number(x.noiseStddev()));
    } else if (g instanceof GeneratorSpec.Markov x) {
      ListValue.Builder states = ListValue.newBuilder();
      x.states().forEach(st -> states.addValues(text(st)));
      ListValue.Builder rows = ListValue.newBuilder();
      for (double[] row : x.transitionMatrix()) {
        ListValue.Builder r = ListValue.newBuilder();
        for (double p : row) {
          r.addValues(number(p));
        }
        rows.addValues(Value.newBuilder().setListValue(r));
      }
      s.putFields("states", Value.newBuilder().setListValue(states).build());
      s.putFields("transition_matrix", Value.newBuilder().setListValue(rows).build());
      s.putFields("initial_state", text(x.states().get(x.initialIndex())));
    } else if (g instanceof GeneratorSpec.Composite x) {
      ListValue.Builder parts = ListValue.newBuilder();
      x.parts()
          .forEach(part -> parts.addValues(Value.newBuilder().setStructValue(generator(part))));
      s.putFields("parts", Value.newBuilder().setListValue(parts).build());
    } else if (g instanceof GeneratorSpec.Counter x) {
      s.putFields("start", number(x.start()));
      s.putFields("rate_per_second", number(x.ratePerSecond()));
      s.putFields("jitter_stddev", number(x.jitterStddev()));
    } else {
      throw new IllegalStateException("no proto mapping for " + g.type());
    }
    return s;
  }

  private static Value number(double d) {
    return Value.newBuilder().setNumberValue(d).build();
  }

  private static Value text(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  @SuppressWarnings("unchecked")
  private static Value value(Object v) {
    if (v == null) {
      return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    }
    if (v instanceof Number n) {
      return number(n.doubleValue());
    }
    if (v instanceof Boolean b) {
      return Value.newBuilder().setBoolValue(b).build();
    }
    if (v instanceof String s) {
      return text(s);
    }
    if (v instanceof Map<?, ?> m) {
      Struct.Builder s = Struct.newBuilder();
      ((Map<String, Object>) m).forEach((k, x) -> s.putFields(k, value(x)));
      return Value.newBuilder().setStructValue(s).build();
    }
    if (v instanceof List<?> list) {
      ListValue.Builder l = ListValue.newBuilder();
      list.forEach(x -> l.addValues(value(x)));
      return Value.newBuilder().setListValue(l).build();
    }
    throw new IllegalArgumentException(
        "cannot put a " + v.getClass().getSimpleName() + " in a Struct");
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
