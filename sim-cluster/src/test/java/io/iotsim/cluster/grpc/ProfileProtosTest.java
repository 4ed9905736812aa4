package io.iotsim.cluster.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.iotsim.core.profile.ConnectionMode;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.Problem;
import io.iotsim.core.profile.ProfileException;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.proto.simulator.v1.DeviceSpec;
import io.iotsim.proto.simulator.v1.TelemetryField;
import org.junit.jupiter.api.Test;

class ProfileProtosTest {

  @Test
  void writesTheGeneratorAsAStructWithTypeParametersAndPrecision() {
    DeviceProfile p =
        ProfileLoader.load(java.nio.file.Path.of("../profiles/temperature_sensor.yaml"));
    DeviceSpec spec = ProfileProtos.toSpec(p);
    assertThat(spec.getDeviceType()).isEqualTo("temperature_sensor");
    assertThat(spec.getProtocol()).isEqualTo("mqtt");
    assertThat(spec.getTelemetryInterval().getSeconds()).isEqualTo(5);
    assertThat(spec.getQos()).isEqualTo(1);
    assertThat(spec.getBackpressure()).isEqualTo("slow_down");
    Struct temperature = spec.getTelemetryFields(0).getGenerator();
    assertThat(spec.getTelemetryFields(0).getName()).isEqualTo("temperature");
    assertThat(temperature.getFieldsMap())
        .containsEntry("type", Value.newBuilder().setStringValue("diurnal").build())
        .containsEntry("peak_hour", Value.newBuilder().setNumberValue(14).build())
        .containsEntry("noise_stddev", Value.newBuilder().setNumberValue(0.3).build())
        .containsEntry("precision", Value.newBuilder().setNumberValue(3).build());
    assertThat(spec.getLabelsMap().keySet()).containsExactly("category", "firmware");
    assertThat(spec.hasProtocolOptions()).isFalse();
  }

  @Test
  void carriesAPerDeviceConnectionInItsOwnField() {
    DeviceProfile p =
        ProfileLoader.parse(
            "type: t\nconnection: per_device\nprotocol_options: {keep_alive_s: 30}\n"
                + "telemetry_fields: {v: {type: gaussian, mean: 0, stddev: 1}}\n",
            "x");
    DeviceSpec spec = ProfileProtos.toSpec(p);
    assertThat(spec.getConnection()).isEqualTo("per_device");
    assertThat(spec.getProtocolOptions().getFieldsMap()).containsOnlyKeys("keep_alive_s");
    DeviceProfile back = ProfileProtos.fromSpec(spec);
    assertThat(back).isEqualTo(p);
    assertThat(back.connection()).isEqualTo(ConnectionMode.PER_DEVICE);
    assertThat(back.protocolOptions()).containsOnlyKeys("keep_alive_s");
  }

  @Test
  void validatesASpecWithTheSamePathsAsAFile() {
    DeviceSpec spec =
        DeviceSpec.newBuilder()
            .setDeviceType("t")
            .setProtocol("mqqt")
            .addTelemetryFields(field("humidity", "gaussian", "mean", 50, "stddev", -1))
            .addTelemetryFields(field("temp", "gausian", "mean", 1, "stddev", 1))
            .addTelemetryFields(field("humidity", "gaussian", "mean", 1, "stddev", 1))
            .setQos(1)
            .build();
    ProfileException e =
        catchThrowableOfType(() -> ProfileProtos.fromSpec(spec), ProfileException.class);
    assertThat(e.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "telemetry_fields.humidity: duplicate field",
            "protocol: unknown protocol 'mqqt' (expected one of mqtt, amqp, http, coap, console)",
            "telemetry_fields.humidity.stddev: must be >= 0 (got -1.0)",
            "telemetry_fields.temp.type: unknown generator 'gausian' (expected one of gaussian,"
                + " static, brownian, diurnal, markov, composite, counter, sawtooth)");
  }

  @Test
  void aBareSpecGetsTheDefaultsExceptQosWhichProtoCannotLeaveUnset() {
    DeviceSpec spec =
        DeviceSpec.newBuilder()
            .setDeviceType("t")
            .addTelemetryFields(field("v", "gaussian", "mean", 0, "stddev", 1))
            .build();
    DeviceProfile p = ProfileProtos.fromSpec(spec);
    assertThat(p.protocol()).isEqualTo("console");
    assertThat(p.topicTemplate()).isEqualTo("devices/{device_id}/telemetry");
    assertThat(p.telemetryInterval()).isEqualTo(DeviceProfile.DEFAULT_TELEMETRY_INTERVAL);
    assertThat(p.qos()).isZero();
    assertThat(p.fields().get(0).precision()).isEqualTo(3);
  }

  @Test
  void acceptsTheReferencesStddevNameForDiurnalNoise() {
    DeviceSpec spec =
        DeviceSpec.newBuilder()
            .setDeviceType("t")
            .addTelemetryFields(
                field(
                    "temp",
                    "diurnal",
                    "baseline",
                    22,
                    "amplitude",
                    5,
                    "peak_hour",
                    14,
                    "stddev",
                    0.3))
            .build();
    assertThat(ProfileProtos.fromSpec(spec).fields().get(0).generator())
        .isEqualTo(new io.iotsim.core.generator.GeneratorSpec.Diurnal(22, 5, 14, 0.3));
  }

  private static TelemetryField field(String name, String type, Object... params) {
    Struct.Builder s =
        Struct.newBuilder().putFields("type", Value.newBuilder().setStringValue(type).build());
    for (int i = 0; i < params.length; i += 2) {
      s.putFields(
          (String) params[i],
          Value.newBuilder().setNumberValue(((Number) params[i + 1]).doubleValue()).build());
    }
    return TelemetryField.newBuilder().setName(name).setGenerator(s).build();
  }
}
