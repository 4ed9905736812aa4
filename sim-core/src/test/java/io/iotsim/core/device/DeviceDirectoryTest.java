package io.iotsim.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.core.selector.Selector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

class DeviceDirectoryTest {

  private record Device(String id) implements LocalDevice {
    @Override
    public String type() {
      return DeviceIds.typeOf(id);
    }

    @Override
    public String batchId() {
      return "b";
    }

    @Override
    public ActorRef<DeviceActor.Command> ref() {
      return null;
    }

    @Override
    public Map<String, String> labels() {
      return Map.of();
    }

    @Override
    public Lifecycle state() {
      return Lifecycle.RUNNING;
    }
  }

  private static List<String> ids(Iterable<LocalDevice> devices) {
    List<String> out = new ArrayList<>();
    devices.forEach(d -> out.add(d.id()));
    return out;
  }

  /**
   * Ids as a spawn delivers them: a hundred shards each create theirs in order, at their own pace,
   * so most land at the end and some behind it. Chunks stay over 80 % full (halves left 68 %).
   */
  @Test
  void keepsChunksMostlyFullWhenIdsArriveNearlyInOrder() {
    DeviceDirectory directory = new DeviceDirectory();
    TreeMap<String, LocalDevice> expected = new TreeMap<>();
    Random random = new Random(7);
    int shards = 100;
    int perShard = 500;
    int[] next = new int[shards];
    for (int added = 0; added < shards * perShard; ) {
      int shard = random.nextInt(shards);
      if (next[shard] < perShard) {
        // shard s owns the indexes s, s + 100, s + 200, ...
        String id = DeviceIds.format("sensor", next[shard]++ * shards + shard);
        Device d = new Device(id);
        directory.add(d);
        expected.put(id, d);
        added++;
      }
    }
    assertThat(ids(directory.all())).containsExactlyElementsOf(expected.keySet());
    for (String id : expected.keySet()) {
      assertThat(directory.get(id).orElse(null)).isSameAs(expected.get(id));
    }
    double fill = (double) directory.size() / (directory.chunkCount() * DeviceDirectory.CHUNK);
    assertThat(fill).isGreaterThan(0.8);
  }

  /** Adds and removes in random order, checking every answer against a sorted map. */
  @Test
  void keepsDevicesInIdOrderThroughSplitsAndRemovals() {
    DeviceDirectory directory = new DeviceDirectory();
    TreeMap<String, LocalDevice> expected = new TreeMap<>();
    Random random = new Random(42);
    List<String> pool = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      // 6- and 7-digit indexes, so string order is not index order
      pool.add(DeviceIds.format(i % 3 == 0 ? "sensor" : "meter", random.nextInt(1_200_000)));
    }
    for (int step = 0; step < 20_000; step++) {
      String id = pool.get(random.nextInt(pool.size()));
      if (random.nextInt(3) > 0) {
        Device d = new Device(id);
        directory.add(d);
        expected.put(id, d);
      } else {
        directory.remove(id);
        expected.remove(id);
      }
    }
    assertThat(directory.size()).isEqualTo(expected.size());
    assertThat(ids(directory.all())).containsExactlyElementsOf(expected.keySet());
    for (String id : pool) {
      assertThat(directory.get(id).orElse(null)).isSameAs(expected.get(id));
    }
    // paging by cursor: each page starts after the last id of the one before
    List<String> paged = new ArrayList<>();
    String cursor = null;
    while (true) {
      List<String> page = new ArrayList<>();
      for (LocalDevice d : directory.after(cursor)) {
        page.add(d.id());
        if (page.size() == 97) {
          break;
        }
      }
      if (page.isEmpty()) {
        break;
      }
      paged.addAll(page);
      cursor = page.get(page.size() - 1);
    }
    assertThat(paged).containsExactlyElementsOf(expected.keySet());
    // a cursor that is no device's id
    String between = expected.firstKey() + "0";
    assertThat(ids(directory.after(between)))
        .containsExactlyElementsOf(expected.tailMap(between, false).keySet());
    for (String id : new ArrayList<>(expected.keySet())) {
      directory.remove(id);
    }
    assertThat(directory.size()).isZero();
    assertThat(directory.all()).isEmpty();
  }

  @Test
  void aFleetSpawnedInOrderFillsItsChunks() {
    DeviceDirectory directory = new DeviceDirectory();
    for (int i = 1; i <= 10_000; i++) {
      directory.add(new Device(DeviceIds.format("temperature_sensor", i)));
    }
    assertThat(directory.size()).isEqualTo(10_000);
    List<String> ids = ids(directory.all());
    List<String> sorted = new ArrayList<>(ids);
    Collections.sort(sorted);
    assertThat(ids).hasSize(10_000).isEqualTo(sorted);
    assertThat(directory.get("temperature_sensor-005000")).isPresent();
    assertThat(directory.get("temperature_sensor-010001")).isEmpty();
  }

  @Test
  void selectsByIdsAndByPredicate() {
    DeviceDirectory directory = new DeviceDirectory();
    for (int i = 1; i <= 300; i++) {
      directory.add(new Device(DeviceIds.format(i % 2 == 0 ? "even" : "odd", i)));
    }
    assertThat(directory.matching(Selector.all())).hasSize(300);
    assertThat(directory.matching(Selector.ids(List.of("even-000002", "odd-000002", "odd-000003"))))
        .extracting(LocalDevice::id)
        .containsExactly("even-000002", "odd-000003");
  }

  /** Devices starting and leaving on several threads while a listing walks the directory. */
  @Test
  void concurrentAddsRemovesAndListingsLoseNothing() throws Exception {
    DeviceDirectory directory = new DeviceDirectory();
    int threads = 4;
    int perThread = 20_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      Thread w =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  String id = DeviceIds.format("d", (long) i * threads + offset);
                  directory.add(new Device(id));
                  if (i % 4 == 3) {
                    directory.remove(id);
                  }
                }
              });
      w.start();
      workers.add(w);
    }
    start.countDown();
    while (workers.stream().anyMatch(Thread::isAlive)) {
      List<String> seen = ids(directory.all());
      List<String> sorted = new ArrayList<>(seen);
      Collections.sort(sorted);
      assertThat(seen)
          .as("a listing in id order, none twice")
          .isEqualTo(sorted)
          .doesNotHaveDuplicates();
    }
    for (Thread w : workers) {
      w.join();
    }
    int expected = threads * (perThread - perThread / 4);
    assertThat(directory.size()).isEqualTo(expected);
    assertThat(ids(directory.all())).hasSize(expected);
  }
}
