package io.iotsim.core.publish;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Readings as text lines, ordered by (simulated time, device id), so the same seed and scenario
 * give byte-identical output at any speed: {@code console} writes {@code [topic] {json}} to stdout,
 * {@code jsonl} one envelope per line to a file.
 */
public final class LinePublisher implements Publisher {

  /**
   * Lines held for ordering at most (about 300 B each): at speed max the scheduler releases
   * simulated time only as fast as they are written, whatever the number of windows in flight.
   */
  static final long MAX_BUFFERED_LINES = 600_000;

  private final String protocol;
  private final boolean withTopic;
  private final PublisherStats stats;
  private final OrderedLineWriter writer;

  private LinePublisher(String protocol, OutputStream out, boolean withTopic, boolean closeOut) {
    this.protocol = protocol;
    this.withTopic = withTopic;
    this.stats = new PublisherStats(protocol);
    this.writer =
        new OrderedLineWriter(
            new BufferedOutputStream(out, 1 << 16), closeOut, stats, "iot-sim-" + protocol);
  }

  public static LinePublisher console() {
    return console(System.out);
  }

  public static LinePublisher console(PrintStream out) {
    return new LinePublisher("console", out, true, false);
  }

  public static LinePublisher jsonl(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new LinePublisher("jsonl", Files.newOutputStream(file), false, true);
    } catch (IOException e) {
      throw new UncheckedIOException("output: cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String protocol() {
    return protocol;
  }

  @Override
  public boolean publish(EncodedReading reading) {
    stats.handedOver();
    writer.add(reading, withTopic ? OrderedLineWriter.topicPrefix(reading.topic()) : null);
    return true;
  }

  @Override
  public long room() {
    return Math.max(0, MAX_BUFFERED_LINES - writer.queued());
  }

  @Override
  public void onWatermark(long simTimeMillis) {
    writer.flushBefore(simTimeMillis);
  }

  @Override
  public PublisherStats stats() {
    return stats;
  }

  @Override
  public void close() {
    writer.close();
  }
}
