package io.iotsim.cluster.metrics;

import kamon.Kamon;
import kamon.metric.Histogram;

/**
 * Instruments that the stream edges (SSE, gRPC StreamTelemetry) record into directly: once per
 * batch of points, never per reading.
 */
public final class StreamMetrics {

  private static final Histogram BATCH_SIZE =
      Kamon.histogram(
              "sim_telemetry_batch_size",
              "Points per telemetry stream batch (gRPC batch, SSE chunk)")
          .withoutTags();

  private StreamMetrics() {}

  /** One batch of {@code points} readings was sent to a stream subscriber. */
  public static void telemetryBatch(int points) {
    BATCH_SIZE.record(points);
  }
}
