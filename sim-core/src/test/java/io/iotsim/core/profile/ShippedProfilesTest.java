package io.iotsim.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.core.generator.GeneratorSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShippedProfilesTest {

  static List<Path> shipped() {
    return ShippedProfiles.all();
  }

  @Test
  void shipsTheExpectedProfiles() {
    assertThat(shipped())
        .extracting(p -> p.getFileName().toString())
        .contains(
            "temperature_sensor.yaml",
            "smart_lock.yaml",
            "energy_meter.yaml",
            "vibration_sensor.yaml");
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void loads(Path file) {
    DeviceProfile profile = ProfileLoader.load(file);
    assertThat(file.getFileName().toString()).isEqualTo(profile.type() + ".yaml");
    assertThat(profile.fields()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void survivesATreeRoundTripThroughCbor(Path file) throws Exception {
    DeviceProfile profile = ProfileLoader.load(file);
    // as it crosses nodes: Jackson CBOR of the profile's tree
    var cbor =
        new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.cbor.CBORFactory());
    DeviceProfile back = cbor.readValue(cbor.writeValueAsBytes(profile), DeviceProfile.class);
    assertThat(back).isEqualTo(profile);
    // Map.equals ignores order, the payload does not
    assertThat(List.copyOf(back.labels().keySet()))
        .isEqualTo(List.copyOf(profile.labels().keySet()));
    assertThat(ProfileTree.toTree(back)).isEqualTo(ProfileTree.toTree(profile));
  }

  @Test
  void temperatureSensorIsTheReferenceTargetDesign() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("category", "environmental");
    labels.put("firmware", "1.2.0");
    DeviceProfile expected =
        new DeviceProfile(
            "temperature_sensor",
            "mqtt",
            "devices/{device_id}/telemetry",
            Duration.ofSeconds(5),
            List.of(
                new FieldSpec("temperature", new GeneratorSpec.Diurnal(22.0, 5.0, 14, 0.3), 3),
                new FieldSpec(
                    "humidity", new GeneratorSpec.Brownian(55.0, 0, 0.5, 0.1, 55.0, 20.0, 95.0), 3),
                new FieldSpec(
                    "battery",
                    new GeneratorSpec.Brownian(100.0, -0.001, 0.0, 0.0, 0.0, 0.0, 100.0),
                    3)),
            labels,
            1,
            Backpressure.SLOW_DOWN,
            ConnectionMode.POOLED,
            Map.of());
    DeviceProfile actual = ProfileLoader.load(ShippedProfiles.named("temperature_sensor"));
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.labels().keySet()).containsExactly("category", "firmware");
    assertThat(actual.fields())
        .extracting(FieldSpec::name)
        .containsExactly("temperature", "humidity", "battery");
  }

  @Test
  void energyMeterUsesCounterCompositeAndLabelPlaceholders() {
    DeviceProfile p = ProfileLoader.load(ShippedProfiles.named("energy_meter"));
    assertThat(p.protocol()).isEqualTo("amqp");
    assertThat(p.backpressure()).isEqualTo(Backpressure.DROP_OLDEST);
    assertThat(p.fields().get(0).generator()).isInstanceOf(GeneratorSpec.Counter.class);
    assertThat(p.fields().get(1).generator())
        .isEqualTo(
            new GeneratorSpec.Composite(
                List.of(
                    new GeneratorSpec.Diurnal(1200, 600, 19, 0),
                    new GeneratorSpec.Gaussian(0, 80))));
    assertThat(p.fields().get(1).precision()).isZero();
  }

  @Test
  void smartLockAndVibrationSensorHaveTheirSettings() {
    DeviceProfile lock = ProfileLoader.load(ShippedProfiles.named("smart_lock"));
    assertThat(lock.fields().get(0).generator()).isInstanceOf(GeneratorSpec.Markov.class);
    assertThat(((GeneratorSpec.Markov) lock.fields().get(1).generator()).states())
        .containsExactly("closed", "open");
    DeviceProfile vibration = ProfileLoader.load(ShippedProfiles.named("vibration_sensor"));
    assertThat(vibration.telemetryInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(vibration.qos()).isZero();
    assertThat(vibration.protocol()).isEqualTo("mqtt");
  }
}
