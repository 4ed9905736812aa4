package io.iotsim.cli;

import static io.iotsim.cli.RunOutput.n;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --verify} with an AMQP profile against the RabbitMQ on 127.0.0.1:5672: the run binds a
 * queue of its own to the profile's exchange (unique per test) and reports like an MQTT run; at
 * speed max nothing is missing, and readings a tiny drop-oldest queue lost are exactly the missing
 * ones.
 */
class AmqpVerifyRunTest {

  private static final String BROKER = "amqp://guest:guest@127.0.0.1:5672/%2F";

  @TempDir Path dir;

  private final String exchange = "iot-sim.verify-run-" + UUID.randomUUID();

  @AfterEach
  void deleteTheExchange() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(BROKER);
    try (Connection c = factory.newConnection("verify-run-test-cleanup");
        Channel channel = c.createChannel()) {
      channel.exchangeDelete(exchange);
    }
  }

  private Path profile(String extra) throws Exception {
    Path p = dir.resolve("amqp_probe.yaml");
    Files.writeString(
        p,
        "type: amqp_probe\n"
            + "protocol: amqp\n"
            + "topic_template: \"verify/{device_id}/telemetry\"\n"
            + "telemetry_interval: 1s\n"
            + extra
            + "protocol_options:\n"
            + "  exchange: \""
            + exchange
            + "\"\n"
            + "  exchange_durable: false\n"
            + "telemetry_fields:\n"
            + "  temperature:\n"
            + "    type: gaussian\n"
            + "    mean: 20.0\n"
            + "    stddev: 2.0\n");
    return p;
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void atMaxSpeedEveryReadingIsDeliveredAndNothingIsMissing() throws Exception {
    RunOutput o =
        RunOutput.of(
            "run",
            "--profile",
            profile("").toString(),
            "--count",
            "50",
            "--duration",
            "100s",
            "--speed",
            "max",
            "--output",
            "protocol",
            "--amqp-url",
            BROKER,
            "--quiet",
            "--verify",
            "--fail-on-loss");

    assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
    Matcher m = o.delivery("amqp");
    assertThat(n(m, 1)).as("generated").isEqualTo(5_000);
    assertThat(n(m, 2)).as("published").isEqualTo(5_000);
    assertThat(n(m, 3)).as("dropped").isZero();
    Matcher v = o.verify();
    assertThat(n(v, 1)).as("expected").isEqualTo(5_000);
    assertThat(n(v, 2)).as("delivered").isEqualTo(5_000);
    assertThat(n(v, 3)).as("missing").isZero();
    assertThat(n(v, 4)).as("duplicated").isZero();
    assertThat(Double.parseDouble(v.group(6))).as("e2e p99 ms").isPositive();
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void readingsATinyDropOldestQueueLostAreTheMissingOnes() throws Exception {
    Path conf = dir.resolve("tiny.conf");
    // one channel with one message unconfirmed at a time: far slower than 3,000 readings/s
    Files.writeString(conf, "iot-sim.amqp { queue-size = 2, channels = 1, max-unconfirmed = 1 }\n");
    RunOutput o =
        RunOutput.of(
            "run",
            "--profile",
            profile("backpressure: drop_oldest\n").toString(),
            "--count",
            "50",
            "--duration",
            "60s",
            "--speed",
            "100",
            "--output",
            "protocol",
            "--config",
            conf.toString(),
            "--amqp-url",
            BROKER,
            "--quiet",
            "--verify");

    assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
    Matcher m = o.delivery("amqp");
    long generated = n(m, 1);
    long published = n(m, 2);
    long dropped = n(m, 3);
    assertThat(generated).as("50 devices x 60 readings").isEqualTo(3_000);
    assertThat(n(m, 4)).as("queue_full").isEqualTo(dropped);
    assertThat(n(m, 8)).as("in flight").isZero();
    assertThat(dropped).isPositive();
    Matcher v = o.verify();
    assertThat(n(v, 1)).as("expected").isEqualTo(generated);
    assertThat(n(v, 2)).as("delivered").isEqualTo(published);
    assertThat(n(v, 3)).as("missing").isEqualTo(dropped);
    assertThat(n(v, 4)).as("duplicated").isZero();
  }
}
