package io.iotsim.core.publish;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One envelope per line to a file, ordered by (simulated time, device id), so the same seed and
 * scenario give a byte-identical file at any speed.
 */
public final class JsonlPublisher implements Publisher {

  private final PublisherStats stats = new PublisherStats("jsonl");
  private final OrderedLineWriter writer;

  public JsonlPublisher(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      this.writer =
          new OrderedLineWriter(
              new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), true, stats, "iot-sim-jsonl");
    } catch (IOException e) {
      throw new UncheckedIOException("output: cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String protocol() {
    return "jsonl";
  }

  @Override
  public boolean publish(EncodedReading reading) {
    writer.add(reading, null);
    return true;
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
