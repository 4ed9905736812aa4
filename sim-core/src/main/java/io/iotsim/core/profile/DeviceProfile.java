package io.iotsim.core.profile;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a device type is: the contents of a profile file, validated. Immutable; fields and labels
 * keep file order because the payload does.
 *
 * <p>{@code protocolOptions} holds plain values: String, Boolean, Long (integral numbers), Double,
 * unmodifiable List and Map, and null.
 */
@JsonSerialize(using = ProfileTree.Writer.class)
@JsonDeserialize(using = ProfileTree.Reader.class)
public record DeviceProfile(
    String type,
    String protocol,
    String topicTemplate,
    Duration telemetryInterval,
    List<FieldSpec> fields,
    Map<String, String> labels,
    int qos,
    Backpressure backpressure,
    ConnectionMode connection,
    Map<String, Object> protocolOptions) {

  public static final String DEFAULT_PROTOCOL = "console";
  public static final String DEFAULT_TOPIC_TEMPLATE = "devices/{device_id}/telemetry";
  public static final Duration DEFAULT_TELEMETRY_INTERVAL = Duration.ofSeconds(5);
  public static final Duration MIN_TELEMETRY_INTERVAL = Duration.ofMillis(10);
  public static final int DEFAULT_QOS = 1;
  public static final List<String> PROTOCOLS = List.of("mqtt", "amqp", "http", "coap", "console");

  public DeviceProfile {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(topicTemplate, "topicTemplate");
    Objects.requireNonNull(telemetryInterval, "telemetryInterval");
    Objects.requireNonNull(backpressure, "backpressure");
    Objects.requireNonNull(connection, "connection");
    fields = List.copyOf(fields);
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    protocolOptions = Collections.unmodifiableMap(new LinkedHashMap<>(protocolOptions));
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("qos must be 0, 1 or 2 (got " + qos + ")");
    }
  }
}
