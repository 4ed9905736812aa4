package io.iotsim.core.publish.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.core.publish.QueuedReading;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeliveryVerifierTest {

  private static QueuedReading reading(int device, long seq, long handedOverNanos) {
    byte[] payload =
        ("{\"device_id\":\"d-" + device + "\",\"seq\":" + seq + "}")
            .getBytes(StandardCharsets.UTF_8);
    return new QueuedReading("d-" + device, "t", "t/d-" + device, 1, seq, payload, handedOverNanos);
  }

  @Test
  void countsDeliveredMissingDuplicatedOutOfOrderAndForeign() {
    DeliveryVerifier v = new DeliveryVerifier();
    long now = System.nanoTime();
    QueuedReading a1 = reading(1, 1, now);
    QueuedReading a2 = reading(1, 2, now);
    QueuedReading b1 = reading(2, 1, now);
    for (QueuedReading r : new QueuedReading[] {a1, a2, b1}) {
      v.handedOver(r);
    }
    v.received(a2.payload());
    v.received(a1.payload()); // after a later one of the same device
    v.received(a1.payload()); // again
    v.received("{\"someone\":\"else\"}".getBytes(StandardCharsets.UTF_8));

    VerificationReport r = v.report();
    assertThat(r.expected()).isEqualTo(3);
    assertThat(r.delivered()).isEqualTo(2);
    assertThat(r.missing()).isEqualTo(1);
    assertThat(r.duplicated()).isEqualTo(1);
    assertThat(r.outOfOrder()).isEqualTo(1);
    assertThat(r.foreign()).isEqualTo(1);
  }

  @Test
  void roomAtSpeedMaxIsHowFarTheSubscriberMayStillFallBehindItsLatestDelivery() {
    DeliveryVerifier v = new DeliveryVerifier();
    long now = System.nanoTime();
    QueuedReading[] readings = new QueuedReading[10];
    for (int i = 0; i < readings.length; i++) {
      readings[i] = reading(i, 1, now);
      v.handedOver(readings[i]);
    }
    assertThat(v.room(now)).isEqualTo(DeliveryVerifier.MAX_BEHIND - 10);

    // the 8th arrives, the first seven never do: behind is measured from the 8th
    v.received(readings[7].payload());
    assertThat(v.room(now)).isEqualTo(DeliveryVerifier.MAX_BEHIND - 2);

    for (int i = 0; i < DeliveryVerifier.MAX_BEHIND; i++) {
      v.handedOver(reading(100 + i, 1, now));
    }
    assertThat(v.room(now)).as("never below none").isZero();

    // a subscriber that received nothing for a while holds nothing back
    long later = System.nanoTime() + DeliveryVerifier.STALLED_AFTER.toNanos() + 1;
    assertThat(v.room(later)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aReadingPastTheMissingTimeIsCountedMissingAndForgotten() {
    DeliveryVerifier v = new DeliveryVerifier();
    long now = System.nanoTime();
    QueuedReading old = reading(1, 1, now - DeliveryVerifier.MISSING_AFTER.toNanos() - 1_000);
    QueuedReading fresh = reading(1, 2, now);
    v.handedOver(old);
    v.handedOver(fresh);

    v.expire(now - DeliveryVerifier.MISSING_AFTER.toNanos());
    v.received(fresh.payload());
    v.received(old.payload()); // too late: it was forgotten

    VerificationReport r = v.report();
    assertThat(r.delivered()).isEqualTo(1);
    assertThat(r.missing()).isEqualTo(1);
    assertThat(r.foreign()).isEqualTo(1);
  }

  @Test
  void duplicatesAreToldAcrossAGenerationOfDeliveredHashes() {
    DeliveryVerifier v = new DeliveryVerifier();
    long now = System.nanoTime();
    QueuedReading first = reading(0, 0, now);
    v.handedOver(first);
    v.received(first.payload());
    // one generation later the first delivery is in the older generation, still remembered
    for (int i = 1; i <= DeliveryVerifier.GENERATION; i++) {
      QueuedReading r = reading(i, 0, now);
      v.handedOver(r);
      v.received(r.payload());
    }
    v.received(first.payload());

    VerificationReport r = v.report();
    assertThat(r.delivered()).isEqualTo(DeliveryVerifier.GENERATION + 1L);
    assertThat(r.duplicated()).isEqualTo(1);
    assertThat(r.missing()).isZero();
  }
}
