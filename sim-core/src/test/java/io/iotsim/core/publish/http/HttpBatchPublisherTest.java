package io.iotsim.core.publish.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.testing.Contexts;
import io.iotsim.core.publish.testing.Readings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** HTTP batches against an in-process Pekko HTTP endpoint, judged by what it accepted. */
class HttpBatchPublisherTest {

  private static final ActorTestKit testKit = ActorTestKit.create("HttpBatchPublisherTest");

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void afterInjected503sTheRetriesDeliverEveryReadingExactlyOnceInAcceptedBatches()
      throws Exception {
    // Every third request fails with 503, including retries: some batches fail more than once.
    // With 8 batches in flight a batch can keep meeting the failing numbers, so it may retry
    // many times; the retry budget is raised so that only exactly-once delivery is measured.
    try (TelemetrySink sink = new TelemetrySink(testKit.system(), n -> n % 3 == 0 ? 503 : 200);
        Publisher publisher =
            httpPublisher(
                sink,
                "batch-size = 20, linger = 20ms, max-retries = 50,"
                    + " retry-initial-delay = 10ms, retry-max-delay = 50ms, token = \"s3cret\"")) {
      int total = publishReadings(publisher, 50, 20);

      await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().sentOkCount() == total);

      List<String> ids = new ArrayList<>();
      for (TelemetrySink.Batch batch : sink.accepted()) {
        assertThat(batch.readings()).hasSizeLessThanOrEqualTo(20);
        assertThat(batch.authorization()).isEqualTo("Bearer s3cret");
        for (JsonNode reading : batch.readings()) {
          ids.add(reading.get("device_id").asText() + "#" + reading.get("seq").asLong());
        }
      }
      assertThat(ids).hasSize(total).doesNotHaveDuplicates();
      assertThat(((HttpBatchPublisher) publisher).retryCount()).isPositive();
      assertThat(publisher.stats().snapshot().sentError()).isZero();
    }
  }

  @Test
  void a4xxCountsTheBatchAsErrorsAndIsNotRetried() throws Exception {
    try (TelemetrySink sink = new TelemetrySink(testKit.system(), n -> 422);
        Publisher publisher = httpPublisher(sink, "batch-size = 10, linger = 20ms")) {
      int total = publishReadings(publisher, 10, 3);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> publisher.stats().sentErrorCount() == total);
      assertThat(sink.readingsSeen()).isEqualTo(total);
      assertThat(((HttpBatchPublisher) publisher).retryCount()).isZero();
      assertThat(publisher.stats().sentOkCount()).isZero();
    }
  }

  @Test
  void anUnreachableEndpointIsRetriedUpToMaxRetriesThenCountedAsErrors() throws Exception {
    int port = io.iotsim.core.publish.testing.OwnMosquittoPorts.free();
    try (Publisher publisher =
        new HttpPublisherFactory()
            .create(
                Contexts.of(
                    testKit.system(),
                    "http { endpoint = \"http://127.0.0.1:"
                        + port
                        + "/t\", batch-size = 5,"
                        + " linger = 10ms, max-retries = 2, retry-initial-delay = 10ms }"))) {
      int total = publishReadings(publisher, 5, 2);

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> publisher.stats().sentErrorCount() == total);
      assertThat(((HttpBatchPublisher) publisher).retryCount()).isEqualTo(2 * 2);
    }
  }

  @Test
  void whileHoldingAFullQueueTakesEveryReadingAndDeliversItExactlyOnce() throws Exception {
    try (TelemetrySink sink = new TelemetrySink(testKit.system(), n -> 200);
        Publisher publisher =
            httpPublisher(sink, "queue-size = 5, batch-size = 4, linger = 5ms, parallelism = 2")) {
      publisher.holdWhenFull(() -> true);
      // 1,000 readings handed over at once into room for 5: far more than the queue holds
      int total = publishReadings(publisher, 50, 20);

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(publisher.stats().sentOkCount())
                      .as("%s", publisher.stats().snapshot())
                      .isEqualTo(total));
      Set<String> ids = new HashSet<>();
      int delivered = 0;
      for (TelemetrySink.Batch batch : sink.accepted()) {
        assertThat(batch.readings()).hasSizeLessThanOrEqualTo(4);
        for (JsonNode reading : batch.readings()) {
          ids.add(reading.get("device_id").asText() + "#" + reading.get("seq").asLong());
          delivered++;
        }
      }
      assertThat(delivered).isEqualTo(total);
      assertThat(ids).hasSize(total);
      assertThat(publisher.stats().droppedCount()).isZero();
      await().atMost(Duration.ofSeconds(5)).until(() -> publisher.room() == 5);
    }
  }

  @Test
  void withoutHoldingAFullQueueDropsTheOldestAndCountsThem() throws Exception {
    try (TelemetrySink sink = new TelemetrySink(testKit.system(), n -> 200);
        Publisher publisher =
            httpPublisher(sink, "queue-size = 5, batch-size = 4, linger = 5ms, parallelism = 2")) {
      int total = publishReadings(publisher, 50, 20);

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> publisher.stats().sentOkCount() + publisher.stats().droppedCount() == total);
      long dropped = publisher.stats().droppedCount();
      assertThat(dropped).isPositive();
      int delivered = sink.accepted().stream().mapToInt(b -> b.readings().size()).sum();
      assertThat(delivered).isEqualTo(total - dropped);
      // the newest reading is never the one dropped for room
      String newest = Readings.deviceId("gateway", 49) + "#19";
      assertThat(
              sink.accepted().stream()
                  .flatMap(b -> b.readings().stream())
                  .map(r -> r.get("device_id").asText() + "#" + r.get("seq").asLong()))
          .contains(newest);
    }
  }

  private static Publisher httpPublisher(TelemetrySink sink, String settings) {
    return new HttpPublisherFactory()
        .create(
            Contexts.of(
                testKit.system(),
                "http { endpoint = \"" + sink.endpoint() + "\", " + settings + " }"));
  }

  private static int publishReadings(Publisher publisher, int devices, int perDevice) {
    Readings readings = new Readings();
    Set<String> unique = new HashSet<>();
    for (int seq = 0; seq < perDevice; seq++) {
      for (int d = 0; d < devices; d++) {
        String id = Readings.deviceId("gateway", d);
        assertThat(publisher.publish(readings.next(id, "devices/" + id, seq, 1))).isTrue();
        unique.add(id + "#" + seq);
      }
    }
    return unique.size();
  }
}
