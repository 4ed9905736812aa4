package io.iotsim.core.publish.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.connectors.mqtt.MqttConnectionSettings;
import org.apache.pekko.stream.connectors.mqtt.MqttMessage;
import org.apache.pekko.stream.connectors.mqtt.MqttQoS;
import org.apache.pekko.stream.connectors.mqtt.javadsl.MqttSink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The same load through Pekko Connectors MQTT (Paho v3 under an MqttSink): {@code --pool}
 * connections, each an MqttSink fed by its own stream of readings as fast as it pulls. Measures
 * what the issue asks first: can the connector reach the throughput target on its own?
 */
public final class PekkoConnectorsMqttBench {

  public static void main(String[] args) throws Exception {
    BenchArgs a = new BenchArgs(args);
    String url = a.string("url", "tcp://127.0.0.1:18830");
    int qos = a.integer("qos", 0);
    int messages = a.integer("messages", 1_000_000);
    int devices = a.integer("devices", 10_000);
    int pool = a.integer("pool", 10);
    int inflight = a.integer("inflight", 1000);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "pekko-mqtt-bench");
    MqttMessage[] byDevice = new MqttMessage[devices];
    for (int d = 0; d < devices; d++) {
      String id = BenchSupport.deviceId(d);
      byDevice[d] =
          MqttMessage.create(
              "devices/" + id + "/telemetry", ByteString.fromArray(BenchSupport.envelope(id)));
    }
    MqttQoS mqttQos = qos == 0 ? MqttQoS.atMostOnce() : MqttQoS.atLeastOnce();
    try (BenchSupport.BrokerCounter broker = new BenchSupport.BrokerCounter(url)) {
      long brokerBefore = broker.value();
      double cpuBefore = BenchSupport.processCpuSeconds();
      long start = System.nanoTime();
      List<CompletableFuture<?>> done = new ArrayList<>();
      int perConnection = messages / pool;
      for (int c = 0; c < pool; c++) {
        MqttConnectionSettings settings =
            MqttConnectionSettings.create(
                    url, "pekko-bench-" + c + "-" + System.nanoTime(), new MemoryPersistence())
                .withMaxInFlight(inflight)
                .withCleanSession(true);
        int offset = c;
        done.add(
            Source.range(0, perConnection - 1)
                .map(i -> byDevice[(i * pool + offset) % devices])
                .runWith(MqttSink.create(settings, mqttQos), system)
                .toCompletableFuture());
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = BenchSupport.processCpuSeconds() - cpuBefore;
      long total = (long) perConnection * pool;
      long arrived = broker.awaitAtLeast(brokerBefore + total) - brokerBefore;
      System.out.printf(
          "RESULT client=pekko-connectors-paho qos=%d pool=%d messages=%d seconds=%.2f"
              + " msg_per_s=%.0f broker_received=%d jvm_cpu_s=%.1f%n",
          qos, pool, total, seconds, total / seconds, arrived, cpu);
    } finally {
      system.terminate();
    }
    System.exit(0);
  }
}
