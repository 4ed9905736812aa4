package io.iotsim.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The API's response bodies (snake_case in JSON). */
public final class Views {

  private Views() {}

  public record TypeStatus(String deviceType, long total, Map<String, Long> byState) {}

  /**
   * @param maxDevices this node's limit (each node has its own; the cluster's is their sum)
   * @param byNode each answering node's own counts
   * @param missingNodes nodes that did not answer in time: their devices are not counted
   */
  public record FleetStatus(
      long totalDevices,
      int maxDevices,
      Map<String, Long> byState,
      List<TypeStatus> byType,
      List<NodeStatus> byNode,
      List<String> missingNodes) {}

  /** One node's counts (node: host:port of its Pekko remoting address). */
  public record NodeStatus(String node, long total, Map<String, Long> byState) {}

  /**
   * @param node the node it runs on
   */
  public record DeviceSummary(
      String deviceId, String deviceType, String state, Map<String, String> labels, String node) {}

  /**
   * @param missingNodes nodes that did not answer in time: their devices are not listed
   */
  public record DevicePage(
      List<DeviceSummary> devices, int count, String nextCursor, List<String> missingNodes) {}

  /**
   * The cluster as the answering node sees it ({@code GET /api/v1/cluster}).
   *
   * @param missingNodes members whose fleet agent did not answer in time (shards, devices -1)
   */
  public record ClusterStatus(
      String self,
      String leader,
      List<ClusterMember> members,
      long devicesTotal,
      List<String> missingNodes) {}

  public record ClusterMember(
      String node,
      String status,
      boolean reachable,
      List<String> roles,
      int shards,
      long devices,
      long maxDevices) {}

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
