package io.iotsim.core.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iotsim.core.generator.GeneratorSpec;
import io.iotsim.core.generator.Reading;
import io.iotsim.core.profile.Backpressure;
import io.iotsim.core.profile.ConnectionMode;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.FieldSpec;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeEncoderTest {

  private final EnvelopeEncoder encoder = new EnvelopeEncoder();

  @Test
  void writesTheGoldenEnvelopeByteForByte() {
    DeviceProfile profile =
        profile(
            "temperature_sensor",
            field("temperature", 3),
            field("humidity", 1),
            field("battery", 3),
            field("state", 3),
            field("ok", 3));
    Reading reading = new Reading();
    reading.reset(5);
    reading.setNumber(0, 22.41289);
    reading.setNumber(1, 55.2);
    reading.setNumber(2, 100.0);
    reading.setText(3, "locked");
    reading.setFlag(4, true);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("category", "environmental");
    labels.put("firmware", "1.2.0");
    long t = Instant.parse("2026-01-01T00:00:03.120Z").toEpochMilli();

    String json = encode(profile, "temperature_sensor-000001", t, reading, labels);

    assertThat(json)
        .isEqualTo(
            "{\"device_id\":\"temperature_sensor-000001\",\"device_type\":\"temperature_sensor\","
                + "\"timestamp\":\"2026-01-01T00:00:03.120Z\",\"fields\":{\"temperature\":22.413,"
                + "\"humidity\":55.2,\"battery\":100,\"state\":\"locked\",\"ok\":true},"
                + "\"labels\":{\"category\":\"environmental\",\"firmware\":\"1.2.0\"}}");
  }

  @ParameterizedTest(name = "{0} at precision {1} -> {2}")
  @CsvSource({
    "0.0005, 3, 0.001",
    "-0.0005, 3, -0.001",
    "0.00049, 3, 0",
    "-0.0001, 3, 0",
    "-0.0, 3, 0",
    "0.0, 0, 0",
    "2.5, 0, 3",
    "-2.5, 0, -3",
    "1.0005, 3, 1.001",
    "100.0, 3, 100",
    "55.2, 3, 55.2",
    "-0.5, 3, -0.5",
    "22.41289, 3, 22.413",
    "1.10, 2, 1.1",
    "0.1, 9, 0.1",
    "123456.789, 0, 123457",
    "0.000000001, 9, 0.000000001",
    "9.9999, 3, 10",
    "-9.9995, 3, -10",
    "999999999999.9, 3, 999999999999.9",
    "1.0E15, 3, 1000000000000000",
    "-1.23456789012345E16, 2, -12345678901234500",
    "1234567.891, 9, 1234567.891"
  })
  void roundsHalfAwayFromZeroAndTrims(double value, int precision, String expected) {
    assertThat(number(value, precision)).isEqualTo(expected);
  }

  @Test
  void writesHugeNumbersInFullWithoutExponent() {
    assertThat(number(Double.MAX_VALUE, 2))
        .isEqualTo(new java.math.BigDecimal("1.7976931348623157E308").toPlainString());
    assertThat(number(-4.5e20, 0)).isEqualTo("-450000000000000000000");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void writesNonFiniteNumbersAsNull(double value) {
    assertThat(number(value, 3)).isEqualTo("null");
  }

  @Test
  void escapesStringsAsJson() {
    DeviceProfile profile = profile("t", field("we\"ird\\key", 3));
    Reading reading = new Reading();
    reading.reset(1);
    reading.setText(0, "a\"b\\c\nd\u0001é€\uD83D\uDE00");
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("zone", "tab\there");

    String json = encode(profile, "id\"1", 0, reading, labels);

    assertThat(json)
        .contains("\"device_id\":\"id\\\"1\"")
        .contains("\"we\\\"ird\\\\key\":\"a\\\"b\\\\c\\u000ad\\u0001é€\uD83D\uDE00\"")
        .contains("\"labels\":{\"zone\":\"tab\\u0009here\"}");
  }

  @Test
  void writesAnUnsetSlotAsNullAndEmptyLabelsAsAnEmptyObject() {
    DeviceProfile profile = profile("t", field("a", 3), field("b", 3));
    Reading reading = new Reading();
    reading.reset(2);
    reading.setNumber(1, 1.5);

    assertThat(encode(profile, "t-1", 0, reading, Map.of()))
        .isEqualTo(
            "{\"device_id\":\"t-1\",\"device_type\":\"t\",\"timestamp\":\"1970-01-01T00:00:00.000Z\","
                + "\"fields\":{\"a\":null,\"b\":1.5},\"labels\":{}}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1970-01-01T00:00:00.000Z",
        "1999-12-31T23:59:59.999Z",
        "2000-02-29T12:00:00.001Z",
        "2024-02-29T23:59:59.999Z",
        "2024-03-01T00:00:00.000Z",
        "2100-02-28T06:07:08.090Z",
        "2100-03-01T00:00:00.000Z",
        "2026-03-14T10:23:45.123Z",
        "9999-12-31T23:59:59.999Z"
      })
  void writesTimestampsAsJavaTimeDoes(String iso) {
    long millis = Instant.parse(iso).toEpochMilli();
    assertThat(timestamp(millis)).isEqualTo(javaTime(millis)).isEqualTo(iso);
  }

  @Test
  void writesEveryDayOfFourHundredYearsAsJavaTimeDoes() {
    long start = Instant.parse("1970-01-01T00:00:00Z").toEpochMilli();
    long step = 86_400_000L + 3_723_004L; // a day, 1 h 2 min 3.004 s: walks through times of day
    for (long t = start; t < Instant.parse("2370-01-01T00:00:00Z").toEpochMilli(); t += step) {
      assertThat(timestamp(t)).isEqualTo(javaTime(t));
    }
  }

  @Test
  void rejectsTimestampsBeyondYear9999() {
    long tooLate = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli() + 1;
    assertThatThrownBy(() -> timestamp(tooLate)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void growsItsBufferForLargeReadings() {
    List<FieldSpec> fields = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      fields.add(field("field_with_a_long_name_" + i, 9));
    }
    DeviceProfile profile = profile("t", fields.toArray(FieldSpec[]::new));
    Reading reading = new Reading();
    reading.reset(200);
    for (int i = 0; i < 200; i++) {
      reading.setNumber(i, -123456.123456789);
    }
    String json = encode(profile, "t-1", 0, reading, Map.of());
    assertThat(json).startsWith("{\"device_id\":\"t-1\"").endsWith("\"labels\":{}}");
    assertThat(json).contains("\"field_with_a_long_name_199\":-123456.123456789");
  }

  @Test
  void allocatesNothingPerReadingOnceWarm() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    DeviceProfile profile =
        profile("temperature_sensor", field("temperature", 3), field("state", 3));
    EnvelopeLayout layout = EnvelopeLayout.of(profile);
    Reading reading = new Reading();
    Map<String, String> labels = new LinkedHashMap<>(Map.of("category", "environmental"));
    long tid = Thread.currentThread().getId();
    int readings = 200_000;
    long checksum = 0;
    for (int round = 0; round < 5; round++) {
      long before = threads.getThreadAllocatedBytes(tid);
      for (int i = 0; i < readings; i++) {
        reading.reset(2);
        reading.setNumber(0, 20 + i * 0.001);
        reading.setText(1, "locked");
        checksum +=
            encoder.encode(
                layout, "temperature_sensor-000001", 1_700_000_000_000L + i, reading, labels);
      }
      long perReading = (threads.getThreadAllocatedBytes(tid) - before) / readings;
      if (round == 4) {
        // the interpreter and JIT warm-up may allocate in early rounds; warm, nothing remains
        assertThat(perReading).as("bytes allocated per reading").isZero();
      }
    }
    assertThat(checksum).isPositive();
  }

  private String number(double value, int precision) {
    DeviceProfile profile = profile("t", field("v", precision));
    Reading reading = new Reading();
    reading.reset(1);
    reading.setNumber(0, value);
    String json = encode(profile, "t-1", 0, reading, Map.of());
    int start = json.indexOf("\"v\":") + 4;
    return json.substring(start, json.indexOf("},\"labels\""));
  }

  private String timestamp(long millis) {
    DeviceProfile profile = profile("t", field("v", 3));
    Reading reading = new Reading();
    reading.reset(1);
    reading.setNumber(0, 1);
    String json = encode(profile, "t-1", millis, reading, Map.of());
    int start = json.indexOf("\"timestamp\":\"") + 13;
    return json.substring(start, json.indexOf('"', start));
  }

  private static String javaTime(long millis) {
    return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
        .format(
            LocalDateTime.ofEpochSecond(
                Math.floorDiv(millis, 1000),
                (int) Math.floorMod(millis, 1000) * 1_000_000,
                ZoneOffset.UTC));
  }

  private String encode(
      DeviceProfile profile, String id, long t, Reading reading, Map<String, String> labels) {
    int length = encoder.encode(EnvelopeLayout.of(profile), id, t, reading, labels);
    return new String(encoder.buffer(), 0, length, StandardCharsets.UTF_8);
  }

  private static FieldSpec field(String name, int precision) {
    return new FieldSpec(name, new GeneratorSpec.Gaussian(0, 1), precision);
  }

  private static DeviceProfile profile(String type, FieldSpec... fields) {
    return new DeviceProfile(
        type,
        "console",
        "devices/{device_id}/telemetry",
        Duration.ofSeconds(5),
        List.of(fields),
        Map.of(),
        1,
        Backpressure.SLOW_DOWN,
        ConnectionMode.POOLED,
        Map.of());
  }
}
