package io.iotsim.cli;

import static io.iotsim.cli.RunOutput.n;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import io.iotsim.core.publish.testing.OwnMosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reading accounted for, against a Mosquitto of the test's own: at speed max nothing is
 * dropped and the broker gets exactly what a jsonl run writes; with a tiny drop-oldest queue and
 * the broker stopped mid-run the summary's figures still add up and --fail-on-loss fails; at QoS 1
 * a broker outage loses nothing that --verify can find.
 */
class DeliveryRunTest {

  @TempDir Path dir;

  private Path profile(String name, int qos, String extra) throws Exception {
    Path p = dir.resolve(name + ".yaml");
    Files.writeString(
        p,
        "type: delivery_probe\n"
            + "protocol: mqtt\n"
            + "topic_template: \"delivery/"
            + name
            + "/{device_id}\"\n"
            + "telemetry_interval: 1s\n"
            + "qos: "
            + qos
            + "\n"
            + extra
            + "telemetry_fields:\n"
            + "  temperature:\n"
            + "    type: gaussian\n"
            + "    mean: 20.0\n"
            + "    stddev: 2.0\n");
    return p;
  }

  private static Mqtt3AsyncClient capture(
      int port, String filter, ConcurrentLinkedQueue<String> into) throws Exception {
    Mqtt3AsyncClient client =
        Mqtt3Client.builder()
            .identifier("delivery-test-capture")
            .serverHost("127.0.0.1")
            .serverPort(port)
            .buildAsync();
    client.connect().get(10, TimeUnit.SECONDS);
    client
        .subscribeWith()
        .topicFilter(filter)
        .qos(MqttQos.AT_LEAST_ONCE)
        .callback(m -> into.add(new String(m.getPayloadAsBytes(), StandardCharsets.UTF_8)))
        .send()
        .get(10, TimeUnit.SECONDS);
    return client;
  }

  /**
   * A subscriber in a process of its own ({@code mosquitto_sub}, line-buffered) that exits after
   * {@code count} messages, written to {@code out} with its debug lines; returned once subscribed.
   * Not a client in this JVM: starved of CPU by a run at speed max, HiveMQ's client fell 65,535 QoS
   * 0 messages behind and dropped the oldest ("QoS 0 publish message dropped"), which the broker
   * had delivered.
   */
  private static Process subscriber(int port, String filter, int count, Path out) throws Exception {
    Process p =
        new ProcessBuilder(
                "stdbuf",
                "-oL",
                "mosquitto_sub",
                "-d",
                "-h",
                "127.0.0.1",
                "-p",
                "" + port,
                "-t",
                filter,
                "-q",
                "1",
                "-C",
                "" + count)
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.readString(out).contains("SUBACK"));
    return p;
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void maxSpeedQos0DeliversEveryReadingAndTheSameBytesAsJsonl() throws Exception {
    Path profile = profile("max", 0, "");
    try (OwnMosquitto broker = OwnMosquitto.launch("sys_interval 1")) {
      Path capturedFile = dir.resolve("captured.txt");
      Process capture = subscriber(broker.port(), "delivery/max/#", 100_000, capturedFile);
      try {
        RunOutput o =
            RunOutput.of(
                "run",
                "--profile",
                profile.toString(),
                "--count",
                "200",
                "--duration",
                "500s",
                "--speed",
                "max",
                "--master-seed",
                "7",
                "--output",
                "protocol",
                "--mqtt-url",
                "tcp://127.0.0.1:" + broker.port(),
                "--quiet",
                "--verify",
                "--fail-on-loss");
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        Matcher m = o.delivery("mqtt");
        assertThat(n(m, 1)).as("generated").isEqualTo(100_000);
        assertThat(n(m, 2)).as("published").isEqualTo(100_000);
        assertThat(n(m, 3)).as("dropped").isZero();
        Matcher v = o.verify();
        assertThat(n(v, 2)).as("delivered").isEqualTo(100_000);
        assertThat(n(v, 3)).as("missing").isZero();
        assertThat(Double.parseDouble(v.group(6))).as("e2e p99 ms").isPositive();

        assertThat(capture.waitFor(60, TimeUnit.SECONDS))
            .as("100,000 messages reached the subscriber")
            .isTrue();
        AtomicLong received = new AtomicLong();
        Mqtt3AsyncClient sys =
            Mqtt3Client.builder().serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
        sys.connect().get(10, TimeUnit.SECONDS);
        sys.subscribeWith()
            .topicFilter("$SYS/broker/publish/messages/received")
            .callback(
                msg ->
                    received.set(
                        Long.parseLong(
                            new String(msg.getPayloadAsBytes(), StandardCharsets.UTF_8).trim())))
            .send()
            .get(10, TimeUnit.SECONDS);
        Awaitility.await()
            .atMost(Duration.ofSeconds(15))
            .untilAsserted(() -> assertThat(received.get()).isEqualTo(100_000));
        sys.disconnect();
      } finally {
        capture.destroyForcibly();
      }
      Path jsonl = dir.resolve("max.jsonl");
      RunOutput file =
          RunOutput.of(
              "run",
              "--profile",
              profile.toString(),
              "--count",
              "200",
              "--duration",
              "500s",
              "--speed",
              "max",
              "--master-seed",
              "7",
              "--output",
              "jsonl:" + jsonl,
              "--quiet");
      assertThat(file.exitCode()).as(file.err()).isZero();
      // the payloads; the debug lines start "Client"
      List<String> fromBroker =
          new ArrayList<>(
              Files.readAllLines(capturedFile).stream().filter(l -> l.startsWith("{")).toList());
      Collections.sort(fromBroker);
      List<String> fromFile = new ArrayList<>(Files.readAllLines(jsonl));
      Collections.sort(fromFile);
      assertThat(fromBroker).hasSize(100_000).isEqualTo(fromFile);
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aStoppedBrokerWithATinyDropOldestQueueIsCountedAndFailsTheRun() throws Exception {
    Path profile = profile("outage", 1, "backpressure: drop_oldest\n");
    Path conf = dir.resolve("tiny.conf");
    Files.writeString(
        conf, "iot-sim.mqtt { queue-size = 20, pool-size = 2, drain-timeout = 1s }\n");
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (OwnMosquitto broker = OwnMosquitto.launch()) {
      // Stopped once readings flow (not after a fixed time: a loaded machine starts slowly).
      ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
      Mqtt3AsyncClient watcher = capture(broker.port(), "delivery/outage/#", seen);
      timer.submit(
          () -> {
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> seen.size() >= 100);
            watcher.disconnect();
            broker.stop();
            return null;
          });
      RunOutput o =
          RunOutput.of(
              "run",
              "--profile",
              profile.toString(),
              "--count",
              "50",
              "--duration",
              "40s",
              "--speed",
              "5",
              "--output",
              "protocol",
              "--config",
              conf.toString(),
              "--mqtt-url",
              "tcp://127.0.0.1:" + broker.port(),
              "--quiet",
              "--fail-on-loss");
      assertThat(o.exitCode()).as(o.out() + o.err()).isEqualTo(1);
      assertThat(o.err()).contains("--fail-on-loss");
      Matcher m = o.delivery("mqtt");
      long generated = n(m, 1);
      long published = n(m, 2);
      long dropped = n(m, 3);
      long inFlight = n(m, 8);
      assertThat(generated).as("50 devices x 40 readings").isEqualTo(2_000);
      assertThat(published + dropped + inFlight).isEqualTo(generated);
      assertThat(n(m, 4) + n(m, 5) + n(m, 6) + n(m, 7)).as("reasons").isEqualTo(dropped);
      assertThat(dropped).isPositive();
      assertThat(published).isPositive();
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void qos1SurvivesABrokerOutageWithNothingMissing() throws Exception {
    Path profile = profile("qos1", 1, "");
    Path conf = dir.resolve("session.conf");
    Files.writeString(
        conf,
        "iot-sim.mqtt { clean-session = false, pool-size = 2,"
            + " reconnect { initial-delay = 100ms, max-delay = 500ms } }\n");
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (OwnMosquitto broker = OwnMosquitto.launch()) {
      timer.schedule(
          () -> {
            broker.stop();
            Thread.sleep(5_000);
            broker.start();
            return null;
          },
          3,
          TimeUnit.SECONDS);
      RunOutput o =
          RunOutput.of(
              "run",
              "--profile",
              profile.toString(),
              "--count",
              "20",
              "--duration",
              "30s",
              "--speed",
              "2",
              "--output",
              "protocol",
              "--config",
              conf.toString(),
              "--mqtt-url",
              "tcp://127.0.0.1:" + broker.port(),
              "--quiet",
              "--verify",
              "--fail-on-loss");
      assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
      Matcher v = o.verify();
      assertThat(n(v, 1)).as("expected").isEqualTo(600);
      assertThat(n(v, 2)).as("delivered").isEqualTo(600);
      assertThat(n(v, 3)).as("missing").isZero();
    } finally {
      timer.shutdownNow();
    }
  }
}
