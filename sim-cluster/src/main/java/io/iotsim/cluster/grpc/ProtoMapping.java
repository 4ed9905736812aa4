package io.iotsim.cluster.grpc;

import com.google.protobuf.Timestamp;
import io.iotsim.cluster.fleet.FleetStatus;
import io.iotsim.cluster.fleet.RuntimeStatus;
import io.iotsim.core.device.BehaviourUpdate;
import io.iotsim.core.device.DeviceReading;
import io.iotsim.core.device.EventType;
import io.iotsim.core.device.Lifecycle;
import io.iotsim.core.device.LifecycleEvent;
import io.iotsim.core.device.LocalDevice;
import io.iotsim.core.fault.FaultType;
import io.iotsim.core.profile.Problem;
import io.iotsim.core.profile.ProfileException;
import io.iotsim.core.publish.PublisherStats;
import io.iotsim.core.publish.verify.VerificationReport;
import io.iotsim.core.selector.Selector;
import io.iotsim.proto.simulator.v1.ClusterMember;
import io.iotsim.proto.simulator.v1.DeviceEvent;
import io.iotsim.proto.simulator.v1.DeviceSelector;
import io.iotsim.proto.simulator.v1.DeviceState;
import io.iotsim.proto.simulator.v1.DeviceSummary;
import io.iotsim.proto.simulator.v1.FieldValue;
import io.iotsim.proto.simulator.v1.GetClusterStatusResponse;
import io.iotsim.proto.simulator.v1.GetFleetStatusResponse;
import io.iotsim.proto.simulator.v1.GetRuntimeStatusResponse;
import io.iotsim.proto.simulator.v1.NodeFleetStatus;
import io.iotsim.proto.simulator.v1.ProtocolStatus;
import io.iotsim.proto.simulator.v1.TelemetryField;
import io.iotsim.proto.simulator.v1.TelemetryPoint;
import io.iotsim.proto.simulator.v1.TypeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Between the fleet's types and the simulator.v1 messages. */
public final class ProtoMapping {

  private ProtoMapping() {}

  /**
   * @param required when true an unset selector is an error, else it means all devices
   * @throws IllegalArgumentException naming the field for a malformed selector
   */
  public static Selector selector(DeviceSelector s, boolean required) {
    return switch (s.getSelectorCase()) {
      case DEVICE_IDS -> {
        if (s.getDeviceIds().getIdsCount() == 0) {
          throw new IllegalArgumentException("selector.device_ids: must list at least one id");
        }
        yield Selector.ids(s.getDeviceIds().getIdsList());
      }
      case LABEL_SELECTOR -> Selector.parse(s.getLabelSelector());
      case ALL -> {
        if (!s.getAll()) {
          throw new IllegalArgumentException("selector.all: must be true when set");
        }
        yield Selector.all();
      }
      case SELECTOR_NOT_SET -> {
        if (required) {
          throw new IllegalArgumentException(
              "selector: required (device_ids, label_selector or all)");
        }
        yield Selector.all();
      }
    };
  }

  public static java.time.Duration duration(com.google.protobuf.Duration d) {
    return java.time.Duration.ofSeconds(d.getSeconds(), d.getNanos());
  }

  public static com.google.protobuf.Duration duration(java.time.Duration d) {
    return com.google.protobuf.Duration.newBuilder()
        .setSeconds(d.getSeconds())
        .setNanos(d.getNano())
        .build();
  }

  /** Fault parameters: numbers stay numbers, anything else becomes its text. */
  public static Map<String, Object> params(com.google.protobuf.Struct s) {
    Map<String, Object> out = new java.util.TreeMap<>();
    s.getFieldsMap()
        .forEach(
            (k, v) -> {
              switch (v.getKindCase()) {
                case NUMBER_VALUE -> out.put(k, v.getNumberValue());
                case STRING_VALUE -> out.put(k, v.getStringValue());
                case BOOL_VALUE -> out.put(k, Boolean.toString(v.getBoolValue()));
                default ->
                    throw new IllegalArgumentException(
                        "params." + k + ": must be a number or a string");
              }
            });
    return out;
  }

  public static Timestamp timestamp(long epochMillis) {
    return Timestamp.newBuilder()
        .setSeconds(Math.floorDiv(epochMillis, 1000))
        .setNanos((int) Math.floorMod(epochMillis, 1000) * 1_000_000)
        .build();
  }

  public static TelemetryPoint point(DeviceReading r) {
    TelemetryPoint.Builder b =
        TelemetryPoint.newBuilder()
            .setDeviceId(r.deviceId())
            .setDeviceType(r.deviceType())
            .setTimestamp(timestamp(r.simTimeMillis()))
            .setSequence(r.sequence());
    for (int i = 0; i < r.values().length; i++) {
      FieldValue.Builder f = FieldValue.newBuilder().setName(r.fieldNames().get(i));
      Object v = r.values()[i];
      if (v instanceof Double d) {
        f.setNumber(d);
      } else if (v instanceof Boolean flag) {
        f.setFlag(flag);
      } else {
        f.setText(String.valueOf(v));
      }
      b.addFields(f);
    }
    return b.build();
  }

  public static DeviceEvent event(LifecycleEvent e) {
    return DeviceEvent.newBuilder()
        .setDeviceId(e.deviceId())
        .setDeviceType(e.deviceType() == null ? "" : e.deviceType())
        .setEventType(eventType(e.type()))
        .setMessage(e.message())
        .setTimestamp(timestamp(e.simTimeMillis()))
        .putAllMetadata(e.metadata())
        .build();
  }

  public static DeviceSummary summary(LocalDevice d) {
    return DeviceSummary.newBuilder()
        .setDeviceId(d.id())
        .setDeviceType(d.type())
        .setState(state(d.state()))
        .putAllLabels(d.labels())
        .build();
  }

  public static DeviceSummary summary(io.iotsim.cluster.fleet.DeviceRow d) {
    return DeviceSummary.newBuilder()
        .setDeviceId(d.id())
        .setDeviceType(d.type())
        .setState(state(d.state()))
        .putAllLabels(d.labels())
        .setNode(d.node())
        .build();
  }

  public static DeviceState state(Lifecycle state) {
    return switch (state) {
      case IDLE -> DeviceState.DEVICE_STATE_IDLE;
      case RUNNING -> DeviceState.DEVICE_STATE_RUNNING;
      case PAUSED -> DeviceState.DEVICE_STATE_PAUSED;
      case STOPPED -> DeviceState.DEVICE_STATE_STOPPED;
      case ERROR -> DeviceState.DEVICE_STATE_ERROR;
    };
  }

  /**
   * @throws IllegalArgumentException naming {@code field} for an unset or unknown state
   */
  public static Lifecycle state(DeviceState state, String field) {
    for (Lifecycle l : Lifecycle.values()) {
      if (state(l) == state) {
        return l;
      }
    }
    throw new IllegalArgumentException(field + ": unknown device state " + state);
  }

  public static io.iotsim.proto.simulator.v1.EventType eventType(EventType type) {
    return io.iotsim.proto.simulator.v1.EventType.valueOf("EVENT_TYPE_" + type.name());
  }

  /**
   * @throws IllegalArgumentException naming {@code field} for an unset or unknown type
   */
  public static EventType eventType(io.iotsim.proto.simulator.v1.EventType type, String field) {
    if (type == io.iotsim.proto.simulator.v1.EventType.EVENT_TYPE_UNSPECIFIED
        || type == io.iotsim.proto.simulator.v1.EventType.UNRECOGNIZED) {
      throw new IllegalArgumentException(field + ": unknown event type " + type);
    }
    return EventType.valueOf(type.name().substring("EVENT_TYPE_".length()));
  }

  public static io.iotsim.proto.simulator.v1.FaultType faultType(FaultType type) {
    return io.iotsim.proto.simulator.v1.FaultType.valueOf("FAULT_TYPE_" + type.name());
  }

  /**
   * @throws IllegalArgumentException naming {@code field} and the accepted values
   */
  public static FaultType faultType(io.iotsim.proto.simulator.v1.FaultType type, String field) {
    for (FaultType t : FaultType.values()) {
      if (faultType(t) == type) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        field + ": required, one of " + FaultType.names() + " (got " + type + ")");
  }

  /**
   * An UpdateDeviceBehavior request's change, checked and compiled once here; every device it
   * reaches shares it.
   *
   * @param interval null to keep the interval
   */
  public static BehaviourUpdate update(
      java.time.Duration interval,
      List<TelemetryField> fields,
      Map<String, String> setLabels,
      List<String> removeLabels,
      long atSimMillis) {
    List<Problem> duplicates = new ArrayList<>();
    var tree = ProfileProtos.fields(fields, duplicates);
    if (!duplicates.isEmpty()) {
      throw new ProfileException(duplicates);
    }
    return BehaviourUpdate.of(interval, tree, setLabels, removeLabels, atSimMillis);
  }

  /** What the device runs now (its spec after any update), for GetDevice. */
  public static io.iotsim.proto.simulator.v1.DeviceDetail detail(
      io.iotsim.core.device.DeviceDetail d) {
    var b =
        io.iotsim.proto.simulator.v1.DeviceDetail.newBuilder()
            .setDeviceId(d.deviceId())
            .setDeviceType(d.deviceType())
            .setState(state(d.state()))
            .putAllLabels(d.labels())
            .setReadingsTotal(d.readings());
    if (d.profile() != null) {
      b.setSpec(ProfileProtos.toSpec(d.profile()));
    }
    return b.build();
  }

  public static GetFleetStatusResponse fleetStatus(FleetStatus s) {
    GetFleetStatusResponse.Builder b =
        GetFleetStatusResponse.newBuilder().setTotalDevices(s.total()).putAllByState(s.byState());
    for (Map.Entry<String, Map<String, Long>> t : s.byType().entrySet()) {
      long total = t.getValue().values().stream().mapToLong(Long::longValue).sum();
      b.addByType(
          TypeStatus.newBuilder()
              .setDeviceType(t.getKey())
              .setTotal(total)
              .putAllByState(t.getValue()));
    }
    return b.build();
  }

  /** The cluster's counts, each node's own, and the nodes that did not answer. */
  public static GetFleetStatusResponse fleetStatus(
      io.iotsim.cluster.fleet.ClusterAnswer<io.iotsim.cluster.fleet.ClusterFleetStatus> a) {
    GetFleetStatusResponse.Builder b = fleetStatus(a.value().total()).toBuilder();
    a.value()
        .byNode()
        .forEach(
            (node, s) ->
                b.addByNode(
                    NodeFleetStatus.newBuilder()
                        .setNode(node)
                        .setTotal(s.total())
                        .putAllByState(s.byState())));
    return b.addAllMissingNodes(a.missingNodes()).build();
  }

  public static GetClusterStatusResponse clusterStatus(io.iotsim.cluster.fleet.ClusterOverview o) {
    GetClusterStatusResponse.Builder b =
        GetClusterStatusResponse.newBuilder()
            .setSelf(o.self())
            .setDevicesTotal(o.devices())
            .addAllMissingNodes(o.missingNodes());
    if (o.leader() != null) {
      b.setLeader(o.leader());
    }
    for (io.iotsim.cluster.fleet.ClusterOverview.Member m : o.members()) {
      b.addMembers(
          ClusterMember.newBuilder()
              .setNode(m.node())
              .setStatus(m.status())
              .setReachable(m.reachable())
              .addAllRoles(m.roles())
              .setShards(m.shards())
              .setDevices(m.devices())
              .setMaxDevices(m.maxDevices()));
    }
    return b.build();
  }

  public static GetRuntimeStatusResponse runtimeStatus(RuntimeStatus s) {
    GetRuntimeStatusResponse.Builder b =
        GetRuntimeStatusResponse.newBuilder()
            .setActiveDevices(s.activeDevices())
            .setMessagesSentTotal(s.messagesSentTotal())
            .setMessagesPerSecond(s.messagesPerSecond())
            .setHeapUsedBytes(s.heapUsedBytes())
            .setHeapMaxBytes(s.heapMaxBytes())
            .setUptime(
                com.google.protobuf.Duration.newBuilder()
                    .setSeconds(s.uptime().getSeconds())
                    .setNanos(s.uptime().getNano()))
            .setThreadCount(s.threadCount())
            .setMaxDevices(s.maxDevices())
            .setTelemetryDroppedTotal(s.telemetryDroppedTotal())
            .setSimTime(timestamp(s.simTimeMillis()))
            .setSpeed(s.speed())
            .setMasterSeed(s.masterSeed())
            .setRunId(s.runId())
            .setNodeAddress(s.nodeAddress())
            .setClusterMembers(s.clusterMembers());
    for (PublisherStats.Snapshot p : s.protocols()) {
      b.addProtocols(
          ProtocolStatus.newBuilder()
              .setProtocol(p.protocol())
              .setSentOk(p.sentOk())
              .setSentError(p.sentError())
              .setQueueDepth(p.queueDepth())
              .setDropped(p.dropped())
              .setReconnects(p.reconnects())
              .setLatencyP50Ms(p.latencyP50Millis())
              .setLatencyP99Ms(p.latencyP99Millis())
              .setGenerated(p.generated())
              .setAcknowledged(p.acknowledged())
              .setDroppedDisconnected(p.droppedDisconnected())
              .setDroppedShutdown(p.droppedShutdown())
              .setInFlight(p.inFlight())
              .setConnected(p.connected())
              .setConnecting(p.connecting()));
    }
    return b.build();
  }

  /** The status with what delivery verification found, when the node verifies. */
  public static GetRuntimeStatusResponse runtimeStatus(
      RuntimeStatus s, java.util.Optional<VerificationReport> verification) {
    GetRuntimeStatusResponse status = runtimeStatus(s);
    if (verification.isEmpty()) {
      return status;
    }
    VerificationReport v = verification.get();
    return status.toBuilder()
        .setVerification(
            io.iotsim.proto.simulator.v1.DeliveryVerification.newBuilder()
                .setExpected(v.expected())
                .setDelivered(v.delivered())
                .setMissing(v.missing())
                .setDuplicated(v.duplicated())
                .setOutOfOrder(v.outOfOrder())
                .setForeign(v.foreign())
                .setE2EP50Ms(v.latencyMillis(50))
                .setE2EP99Ms(v.latencyMillis(99))
                .setE2EP999Ms(v.latencyMillis(99.9))
                .setE2EMaxMs(v.maxLatencyMillis()))
        .build();
  }
}
