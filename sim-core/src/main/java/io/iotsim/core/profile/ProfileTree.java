package io.iotsim.core.profile;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsim.core.generator.GeneratorSpec;
import io.iotsim.core.generator.GeneratorTypes;
import io.iotsim.core.time.Durations;
import java.io.IOException;

/**
 * A profile written back into the tree a profile file gives (snake_case keys), losslessly: {@link
 * ProfileLoader#fromTree} reads it back into an equal profile. Used where a profile leaves the JVM
 * (another node, a REST listing); inside a node profiles travel as {@link DeviceProfile}.
 */
public final class ProfileTree {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private ProfileTree() {}

  public static ObjectNode toTree(DeviceProfile p) {
    ObjectNode root = JSON.objectNode();
    root.put("type", p.type());
    root.put("protocol", p.protocol());
    root.put("topic_template", p.topicTemplate());
    root.put("telemetry_interval", Durations.format(p.telemetryInterval()));
    root.set("telemetry_fields", fields(p));
    ObjectNode labels = root.putObject("labels");
    p.labels().forEach(labels::put);
    root.put("qos", p.qos());
    root.put("backpressure", p.backpressure().yamlName());
    root.put("connection", p.connection().yamlName());
    if (!p.protocolOptions().isEmpty()) {
      root.set("protocol_options", PLAIN.valueToTree(p.protocolOptions()));
    }
    return root;
  }

  /** The {@code telemetry_fields} mapping: name -> generator parameters and precision. */
  public static ObjectNode fields(DeviceProfile p) {
    ObjectNode fields = JSON.objectNode();
    for (FieldSpec f : p.fields()) {
      ObjectNode g = generator(f.generator());
      g.put("precision", f.precision());
      fields.set(f.name(), g);
    }
    return fields;
  }

  public static ObjectNode generator(GeneratorSpec g) {
    ObjectNode s = JSON.objectNode();
    s.put("type", g.type());
    if (g instanceof GeneratorSpec.Gaussian x) {
      s.put("mean", x.mean());
      s.put("stddev", x.stddev());
    } else if (g instanceof GeneratorSpec.Static x) {
      s.set("value", PLAIN.valueToTree(x.value()));
    } else if (g instanceof GeneratorSpec.Brownian x) {
      s.put("start", x.start());
      s.put("drift", x.drift());
      s.put("volatility", x.volatility());
      s.put("mean_reversion", x.meanReversion());
      s.put("mean", x.mean());
      s.put("min", x.min());
      s.put("max", x.max());
    } else if (g instanceof GeneratorSpec.Diurnal x) {
      s.put("baseline", x.baseline());
      s.put("amplitude", x.amplitude());
      s.put("peak_hour", x.peakHour());
      s.put("noise_stddev", x.noiseStddev());
    } else if (g instanceof GeneratorSpec.Markov x) {
      ArrayNode states = s.putArray("states");
      x.states().forEach(states::add);
      ArrayNode rows = s.putArray("transition_matrix");
      for (double[] row : x.transitionMatrix()) {
        ArrayNode r = rows.addArray();
        for (double v : row) {
          r.add(v);
        }
      }
      s.put("initial_state", x.states().get(x.initialIndex()));
    } else if (g instanceof GeneratorSpec.Composite x) {
      ArrayNode parts = s.putArray("parts");
      x.parts().forEach(part -> parts.add(generator(part)));
    } else if (g instanceof GeneratorSpec.Counter x) {
      s.put("start", x.start());
      s.put("rate_per_second", x.ratePerSecond());
      s.put("jitter_stddev", x.jitterStddev());
    } else {
      GeneratorTypes.named(g.type())
          .orElseThrow(() -> new IllegalStateException("no tree form for generator " + g.type()))
          .write(g, s);
    }
    return s;
  }

  /** Jackson (CBOR across nodes): a profile crosses as its tree and is validated on arrival. */
  public static final class Writer extends JsonSerializer<DeviceProfile> {
    @Override
    public void serialize(DeviceProfile value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeTree(toTree(value));
    }
  }

  public static final class Reader extends JsonDeserializer<DeviceProfile> {
    @Override
    public DeviceProfile deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode tree = p.readValueAsTree();
      return ProfileLoader.fromTree(tree);
    }
  }
}
