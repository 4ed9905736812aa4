package io.iotsim.cluster.fleet;

import io.iotsim.core.publish.PublisherStats;
import java.time.Duration;
import java.util.List;

/** The node's runtime status (GetRuntimeStatus, /api/v1/status): counts, rates, memory, clock. */
public record RuntimeStatus(
    long activeDevices,
    long readingsTotal,
    long messagesSentTotal,
    double messagesPerSecond,
    long heapUsedBytes,
    long heapMaxBytes,
    Duration uptime,
    int threadCount,
    int maxDevices,
    long telemetryDroppedTotal,
    long publishDroppedTotal,
    long deviceErrorsTotal,
    List<PublisherStats.Snapshot> protocols,
    long simTimeMillis,
    double speed,
    long masterSeed,
    String runId,
    String nodeAddress,
    int clusterMembers) {}
