package io.iotsim.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The API's response bodies (snake_case in JSON). */
public final class Views {

  private Views() {}

  public record TypeStatus(String deviceType, long total, Map<String, Long> byState) {}

  public record FleetStatus(
      long totalDevices, int maxDevices, Map<String, Long> byState, List<TypeStatus> byType) {}

  public record DeviceSummary(
      String deviceId, String deviceType, String state, Map<String, String> labels) {}

  public record DevicePage(List<DeviceSummary> devices, int count, String nextCursor) {}

  /**
   * @param spec the device's profile (simulator.v1 DeviceSpec as JSON)
   * @param activeFaults empty until faults exist on the node
   * @param lastReading null until the device reports its last reading in its detail
   */
  public record DeviceDetail(
      String deviceId,
      String deviceType,
      String state,
      Map<String, String> labels,
      long readingsTotal,
      long telemetryIntervalMs,
      String nextReadingAt,
      JsonNode spec,
      List<Object> activeFaults,
      Object lastReading) {}

  public record ProtocolStatus(
      String protocol,
      long sentOk,
      long sentError,
      long dropped,
      long reconnects,
      long queueDepth,
      double latencyP50Ms,
      double latencyP99Ms,
      long generated,
      long acknowledged,
      long droppedDisconnected,
      long droppedShutdown,
      long inFlight,
      long connected,
      long connecting) {}

  /** Delivery verification by subscribing back; latencies hand-over to delivery. */
  public record Verification(
      long expected,
      long delivered,
      long missing,
      long duplicated,
      long outOfOrder,
      long foreign,
      double e2eP50Ms,
      double e2eP99Ms,
      double e2eP999Ms,
      double e2eMaxMs) {}

  public record RuntimeStatus(
      long activeDevices,
      int maxDevices,
      long readingsTotal,
      long messagesSentTotal,
      double messagesPerSecond,
      long heapUsedBytes,
      long heapMaxBytes,
      double uptimeSeconds,
      int threadCount,
      long telemetryDroppedTotal,
      long publishDroppedTotal,
      long deviceErrorsTotal,
      List<ProtocolStatus> protocols,
      String simTime,
      String speed,
      String masterSeed,
      String runId,
      String nodeAddress,
      int clusterMembers,
      boolean ready,
      Verification verification) {}

  public record Health(String status, boolean ready, String runId, double uptimeSeconds) {}

  /** One profile file of the profiles directory; {@code error} instead of the rest when invalid. */
  public record ProfileSummary(
      String name,
      String file,
      String deviceType,
      String protocol,
      String telemetryInterval,
      List<String> fields,
      Map<String, String> labels,
      String error) {}

  public record ProfileDetail(String name, String file, String source, JsonNode spec) {}

  /** One SSE telemetry event: one metric of one reading. */
  public record MetricPoint(
      String deviceId,
      String deviceType,
      String metric,
      Object value,
      String timestamp,
      long sequence) {}

  /** One SSE telemetry event with every field of a reading ({@code format=reading}). */
  public record ReadingPoint(
      String deviceId,
      String deviceType,
      String timestamp,
      long sequence,
      Map<String, Object> fields,
      Map<String, String> labels) {}

  /** One SSE event of /api/v1/events/stream. */
  public record Event(
      String deviceId,
      String deviceType,
      String eventType,
      String message,
      String timestamp,
      Map<String, String> metadata) {}

  /** A scenario job (the simulator.v1 ScenarioJob). */
  public record ScenarioJob(
      String scenarioId,
      String name,
      String state,
      int stepsTotal,
      int stepsDone,
      String currentStep,
      String failureReason,
      String submittedAt,
      String simTime) {}
}
