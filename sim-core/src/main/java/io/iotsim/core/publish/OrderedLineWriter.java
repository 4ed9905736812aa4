package io.iotsim.core.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes readings as lines in a deterministic order, (simulated time, device id), whatever order
 * the device threads hand them over in. Lines wait until the scheduler's watermark says no earlier
 * reading can still come, then are sorted and written by one writer thread. Memory stays bounded
 * because the scheduler keeps only a few windows in flight.
 */
final class OrderedLineWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OrderedLineWriter.class);
  private static final Comparator<Line> ORDER =
      Comparator.comparingLong(Line::simTimeMillis).thenComparing(Line::deviceId);

  private record Line(long simTimeMillis, String deviceId, byte[] prefix, byte[] payload) {}

  private final OutputStream out;
  private final boolean closeStream;
  private final PublisherStats stats;
  private final ConcurrentLinkedQueue<Line> incoming = new ConcurrentLinkedQueue<>();
  private final AtomicLong queued = new AtomicLong();
  private final ExecutorService writer;
  private final List<Line> waiting = new ArrayList<>();

  OrderedLineWriter(
      OutputStream out, boolean closeStream, PublisherStats stats, String threadName) {
    this.out = out;
    this.closeStream = closeStream;
    this.stats = stats;
    this.writer = Executors.newSingleThreadExecutor(DaemonThreads.named(threadName));
    stats.queueDepth(queued::get);
  }

  void add(EncodedReading reading, byte[] prefix) {
    incoming.add(
        new Line(reading.simTimeMillis(), reading.deviceId(), prefix, reading.copyPayload()));
    queued.incrementAndGet();
  }

  /** Lines taken and not yet written. */
  long queued() {
    return queued.get();
  }

  void flushBefore(long watermark) {
    writer.execute(() -> write(watermark));
  }

  private void write(long watermark) {
    Line line;
    while ((line = incoming.poll()) != null) {
      waiting.add(line);
    }
    if (waiting.isEmpty()) {
      return;
    }
    waiting.sort(ORDER);
    int n = 0;
    try {
      for (; n < waiting.size() && waiting.get(n).simTimeMillis() < watermark; n++) {
        Line l = waiting.get(n);
        if (l.prefix() != null) {
          out.write(l.prefix());
        }
        out.write(l.payload());
        out.write('\n');
        stats.sentOk();
      }
      out.flush();
    } catch (IOException e) {
      stats.sentError(waiting.size() - n);
      log.error("writing readings failed", e);
      n = waiting.size();
    }
    waiting.subList(0, n).clear();
    queued.addAndGet(-n);
  }

  @Override
  public void close() {
    writer.execute(() -> write(Long.MAX_VALUE));
    writer.shutdown();
    try {
      if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("readings still unwritten after 30 s");
      }
      if (closeStream) {
        out.close();
      } else {
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] topicPrefix(String topic) {
    return ("[" + topic + "] ").getBytes(StandardCharsets.UTF_8);
  }
}
