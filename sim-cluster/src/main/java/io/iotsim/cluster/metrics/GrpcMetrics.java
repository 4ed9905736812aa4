package io.iotsim.cluster.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kamon.Kamon;
import kamon.metric.Counter;
import kamon.metric.Histogram;
import kamon.metric.MeasurementUnit;
import kamon.metric.Metric;
import kamon.tag.TagSet;

/**
 * gRPC calls served by this node, by method and status: {@code sim_grpc_requests_total} and {@code
 * sim_grpc_request_duration_seconds}. The tagged instruments are looked up once per (method,
 * status) and kept, so a call pays a map read and two increments.
 */
public final class GrpcMetrics {

  private record Instruments(Counter calls, Histogram duration) {}

  private final Metric.Counter calls =
      Kamon.counter("sim_grpc_requests_total", "gRPC calls served, by method and status");
  private final Metric.Histogram duration =
      Kamon.histogram(
          "sim_grpc_request_duration_seconds",
          "Time from a gRPC call's arrival to its response headers, by method and status",
          MeasurementUnit.time().nanoseconds());
  private final Map<String, Instruments> byKey = new ConcurrentHashMap<>();

  /** Counts one call of {@code method} (e.g. {@code DeviceRuntimeService/SpawnDevices}). */
  public void record(String method, String status, long nanos) {
    Instruments i =
        byKey.computeIfAbsent(
            method + '\u0000' + status,
            k -> {
              TagSet tags = TagSet.builder().add("method", method).add("status", status).build();
              return new Instruments(calls.withTags(tags), duration.withTags(tags));
            });
    i.calls().increment();
    i.duration().record(Math.max(0, nanos));
  }
}
