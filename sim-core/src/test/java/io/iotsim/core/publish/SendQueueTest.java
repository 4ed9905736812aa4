package io.iotsim.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded send queue: drop-oldest at real speed, hold over the bound at speed max. */
class SendQueueTest {

  private final PublisherStats stats = new PublisherStats("test");

  private static QueuedReading reading(long seq) {
    return new QueuedReading("d-000001", "t", "devices/d-000001", 1, seq, new byte[] {1}, 0L);
  }

  private static List<Long> drain(SendQueue queue) {
    List<Long> out = new ArrayList<>();
    for (QueuedReading r; (r = queue.poll()) != null; ) {
      out.add(r.sequence());
    }
    return out;
  }

  @Test
  void holdingTakesEachReadingOnceAndKeepsTheirOrderPastTheBound() {
    SendQueue queue = new SendQueue(4, stats);
    for (long seq = 0; seq < 10; seq++) {
      queue.offer(reading(seq), true);
    }
    assertThat(queue.size()).isEqualTo(10);
    assertThat(queue.room(0)).isZero();
    // the sender frees room, then more readings come while the older overflow still waits
    List<Long> taken = new ArrayList<>();
    taken.add(queue.poll().sequence());
    taken.add(queue.poll().sequence());
    queue.offer(reading(10), true);
    queue.offer(reading(11), true);
    taken.addAll(drain(queue));

    assertThat(taken).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    assertThat(stats.droppedCount()).isZero();
  }

  @Test
  void withoutHoldingAFullQueueDropsTheOldest() {
    SendQueue queue = new SendQueue(4, stats);
    for (long seq = 0; seq < 10; seq++) {
      queue.offer(reading(seq), false);
    }
    assertThat(drain(queue)).containsExactly(6L, 7L, 8L, 9L);
    assertThat(stats.droppedCount()).isEqualTo(6);
  }
}
