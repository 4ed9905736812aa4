package io.iotsim.core.publish;

import java.io.BufferedOutputStream;
import java.io.PrintStream;

/** Writes {@code [topic] {json}} lines to stdout, in (simulated time, device id) order. */
public final class ConsolePublisher implements Publisher {

  private final PublisherStats stats = new PublisherStats("console");
  private final OrderedLineWriter writer;

  public ConsolePublisher() {
    this(System.out);
  }

  public ConsolePublisher(PrintStream out) {
    this.writer =
        new OrderedLineWriter(new BufferedOutputStream(out, 1 << 16), false, stats, "iot-sim-console");
  }

  @Override
  public String protocol() {
    return "console";
  }

  @Override
  public boolean publish(EncodedReading reading) {
    writer.add(reading, OrderedLineWriter.topicPrefix(reading.topic()));
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
