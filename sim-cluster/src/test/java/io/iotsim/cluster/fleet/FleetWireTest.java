package io.iotsim.cluster.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.iotsim.core.device.DeviceReading;
import io.iotsim.core.device.EventType;
import io.iotsim.core.device.Lifecycle;
import io.iotsim.core.device.LifecycleEvent;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** What crosses nodes between fleet agents survives the node's serializer (jackson-cbor). */
class FleetWireTest {

  private static final ActorTestKit kit =
      ActorTestKit.create(
          ConfigFactory.parseString("pekko.actor.provider = local")
              .withFallback(ConfigFactory.parseResources("iot-sim-pekko.conf"))
              .withFallback(ConfigFactory.load())
              .resolve());
  private static final SerializationTestKit serialization = kit.serializationTestKit();

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void aReadingKeepsNumbersTextFlagsAndNaN() {
    DeviceReading r =
        new DeviceReading(
            "t-000001",
            "t",
            Map.of("zone", "a"),
            1_000L,
            7,
            List.of("temp", "state", "open", "bad"),
            new Object[] {21.5, "idle", true, Double.NaN});

    WireReading back = serialization.verifySerialization(WireReading.of(r, 3), false);

    DeviceReading out = back.toReading();
    assertThat(back.lostBefore()).isEqualTo(3);
    assertThat(out.deviceId()).isEqualTo("t-000001");
    assertThat(out.labels()).isEqualTo(Map.of("zone", "a"));
    assertThat(out.sequence()).isEqualTo(7);
    assertThat(out.fieldNames()).isEqualTo(r.fieldNames());
    assertThat(out.values()[0]).isEqualTo(21.5);
    assertThat(out.values()[1]).isEqualTo("idle");
    assertThat(out.values()[2]).isEqualTo(Boolean.TRUE);
    assertThat((Double) out.values()[3]).isNaN();
  }

  @Test
  void anEventAndAPageCrossTheWire() {
    LifecycleEvent e =
        new LifecycleEvent("t-000001", "t", EventType.PAUSED, "paused", 5L, Map.of("k", "v"));
    assertThat(serialization.verifySerialization(WireEvent.of(e, 0), true).toEvent()).isEqualTo(e);

    FleetAgent.PageReply page =
        new FleetAgent.PageReply(
            "127.0.0.1:2552",
            List.of(new DeviceRow("t-000001", "t", Lifecycle.RUNNING, Map.of(), "127.0.0.1:2552")),
            true);
    serialization.verifySerialization(page, true);
    serialization.verifySerialization(
        new FleetAgent.StatusReply(
            "n", new FleetStatus(1, Map.of("running", 1L), Map.of("t", Map.of("running", 1L)))),
        true);
  }
}
