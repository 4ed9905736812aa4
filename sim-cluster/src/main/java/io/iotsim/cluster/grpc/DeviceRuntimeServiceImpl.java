package io.iotsim.cluster.grpc;

import static io.iotsim.cluster.grpc.GrpcErrors.guard;

import io.iotsim.cluster.fleet.ClusterPage;
import io.iotsim.cluster.fleet.Fleet;
import io.iotsim.cluster.hub.Hub;
import io.iotsim.cluster.metrics.StreamMetrics;
import io.iotsim.cluster.node.SimNode;
import io.iotsim.cluster.security.StreamPermits;
import io.iotsim.core.device.DeviceReading;
import io.iotsim.core.device.EventType;
import io.iotsim.core.device.Lifecycle;
import io.iotsim.core.device.LifecycleEvent;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.proto.simulator.v1.*;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/** The simulator.v1 DeviceRuntimeService of a node, mapping proto to fleet operations. */
public final class DeviceRuntimeServiceImpl implements DeviceRuntimeService {

  private static final int MAX_BATCH = 5000;

  private final SimNode node;
  private final Fleet fleet;

  private final SpawnMemory spawnMemory;

  public DeviceRuntimeServiceImpl(SimNode node) {
    this(node, new SpawnMemory(10_000, Duration.ofMinutes(10)));
  }

  DeviceRuntimeServiceImpl(SimNode node, SpawnMemory spawnMemory) {
    this.node = node;
    this.fleet = node.fleet();
    this.spawnMemory = spawnMemory;
  }

  @Override
  public CompletionStage<SpawnDevicesResponse> spawnDevices(SpawnDevicesRequest in) {
    return guard(() -> spawnMemory.once(in.getRequestId(), () -> spawn(in)));
  }

  private CompletionStage<SpawnDevicesResponse> spawn(SpawnDevicesRequest in) {
    DeviceProfile profile;
    if (in.hasSpec()) {
      profile = ProfileProtos.fromSpec(in.getSpec());
    } else if (!in.getProfileYaml().isBlank()) {
      profile = ProfileLoader.parse(in.getProfileYaml(), "profile_yaml");
    } else {
      throw new IllegalArgumentException("spec: required (or profile_yaml)");
    }
    return fleet
        .spawn(profile, in.getCount(), in.getLabelsMap())
        .thenApply(
            r ->
                SpawnDevicesResponse.newBuilder()
                    .setDeviceType(r.deviceType())
                    .setFirstIndex(r.firstIndex())
                    .setCount(r.count())
                    .setFirstDeviceId(r.firstDeviceId())
                    .setLastDeviceId(r.lastDeviceId())
                    .build());
  }

  @Override
  public CompletionStage<StopDevicesResponse> stopDevices(StopDevicesRequest in) {
    return guard(
        () ->
            fleet
                .clusterStop(ProtoMapping.selector(in.getSelector(), true))
                .thenApply(
                    a ->
                        StopDevicesResponse.newBuilder()
                            .setStopped(a.value())
                            .addAllMissingNodes(a.missingNodes())
                            .build()));
  }

  @Override
  public CompletionStage<PauseDevicesResponse> pauseDevices(PauseDevicesRequest in) {
    return guard(
        () ->
            fleet
                .clusterPause(ProtoMapping.selector(in.getSelector(), true))
                .thenApply(
                    a ->
                        PauseDevicesResponse.newBuilder()
                            .setPaused(a.value())
                            .addAllMissingNodes(a.missingNodes())
                            .build()));
  }

  @Override
  public CompletionStage<ResumeDevicesResponse> resumeDevices(ResumeDevicesRequest in) {
    return guard(
        () ->
            fleet
                .clusterResume(ProtoMapping.selector(in.getSelector(), true))
                .thenApply(
                    a ->
                        ResumeDevicesResponse.newBuilder()
                            .setResumed(a.value())
                            .addAllMissingNodes(a.missingNodes())
                            .build()));
  }

  @Override
  public CompletionStage<GetFleetStatusResponse> getFleetStatus(GetFleetStatusRequest in) {
    return guard(
        () ->
            fleet
                .clusterStatus(ProtoMapping.selector(in.getSelector(), false))
                .thenApply(ProtoMapping::fleetStatus));
  }

  @Override
  public CompletionStage<ListDevicesResponse> listDevices(ListDevicesRequest in) {
    return guard(
        () -> {
          Optional<Lifecycle> state =
              in.getState() == DeviceState.DEVICE_STATE_UNSPECIFIED
                  ? Optional.empty()
                  : Optional.of(ProtoMapping.state(in.getState(), "state"));
          int limit = in.getLimit() == 0 ? 100 : in.getLimit();
          return fleet
              .clusterList(
                  ProtoMapping.selector(in.getSelector(), false),
                  state,
                  limit,
                  in.getCursor().isEmpty() ? null : in.getCursor())
              .thenApply(
                  a -> {
                    ClusterPage page = a.value();
                    ListDevicesResponse.Builder b =
                        ListDevicesResponse.newBuilder().addAllMissingNodes(a.missingNodes());
                    page.devices().forEach(d -> b.addDevices(ProtoMapping.summary(d)));
                    if (page.nextCursor() != null) {
                      b.setNextCursor(page.nextCursor());
                    }
                    return b.build();
                  });
        });
  }

  @Override
  public CompletionStage<GetDeviceResponse> getDevice(GetDeviceRequest in) {
    return guard(
        () -> {
          if (in.getDeviceId().isEmpty()) {
            throw new IllegalArgumentException("device_id: required");
          }
          return fleet
              .clusterGet(in.getDeviceId())
              .thenApply(
                  a ->
                      a.value()
                          .map(
                              detail ->
                                  GetDeviceResponse.newBuilder()
                                      .setDevice(ProtoMapping.detail(detail))
                                      .build())
                          .orElseThrow(
                              () ->
                                  GrpcErrors.notFound(
                                      "device_id: no device '"
                                          + in.getDeviceId()
                                          + "'"
                                          + (a.partial()
                                              ? " on the nodes that answered (no answer from "
                                                  + String.join(", ", a.missingNodes())
                                                  + ")"
                                              : ""))));
        });
  }

  @Override
  public CompletionStage<InjectFaultResponse> injectFault(InjectFaultRequest in) {
    return guard(
        () -> {
          var selector = ProtoMapping.selector(in.getSelector(), true);
          var type = ProtoMapping.faultType(in.getFaultType(), "fault_type");
          if (!in.hasDuration()) {
            throw new IllegalArgumentException("duration: required");
          }
          var fault =
              io.iotsim.core.fault.FaultSpec.of(
                  type,
                  node.clock().simNowMillis(),
                  inRange("duration", in.getDuration()),
                  ProtoMapping.params(in.getParams()));
          return fleet
              .clusterFault(selector, fault)
              .thenApply(
                  a ->
                      InjectFaultResponse.newBuilder()
                          .setAffectedDevices(a.value())
                          .addAllMissingNodes(a.missingNodes())
                          .build());
        });
  }

  @Override
  public CompletionStage<UpdateDeviceBehaviorResponse> updateDeviceBehavior(
      UpdateDeviceBehaviorRequest in) {
    return guard(
        () -> {
          var selector = ProtoMapping.selector(in.getSelector(), true);
          var update =
              ProtoMapping.update(
                  in.hasTelemetryInterval()
                      ? inRange("telemetry_interval", in.getTelemetryInterval())
                      : null,
                  in.getTelemetryFieldsList(),
                  in.getSetLabelsMap(),
                  in.getRemoveLabelsList(),
                  node.clock().simNowMillis());
          return fleet
              .clusterUpdate(selector, update)
              .thenApply(
                  a ->
                      UpdateDeviceBehaviorResponse.newBuilder()
                          .setUpdated(a.value())
                          .addAllMissingNodes(a.missingNodes())
                          .build());
        });
  }

  @Override
  public Source<StreamTelemetryResponse, NotUsed> streamTelemetry(StreamTelemetryRequest in) {
    return StreamLimit.limited(StreamPermits.get(node.system()), () -> openTelemetry(in));
  }

  private Source<StreamTelemetryResponse, NotUsed> openTelemetry(StreamTelemetryRequest in) {
    try {
      if (in.getMaxBatchSize() > MAX_BATCH) {
        throw new IllegalArgumentException(
            "max_batch_size: must be <= " + MAX_BATCH + " (got " + in.getMaxBatchSize() + ")");
      }
      int batch =
          in.getMaxBatchSize() == 0 ? node.settings().telemetryBatchSize() : in.getMaxBatchSize();
      Duration flush =
          in.hasFlushInterval()
              ? inRange("flush_interval", in.getFlushInterval())
              : node.settings().telemetryFlushInterval();
      if (flush.isNegative() || flush.isZero()) {
        throw new IllegalArgumentException("flush_interval: must be > 0");
      }
      Hub.Feed<DeviceReading> feed =
          fleet.telemetry(ProtoMapping.selector(in.getSelector(), false));
      return feed.source()
          .groupedWithin(batch, flush)
          .map(
              readings -> {
                StreamMetrics.telemetryBatch(readings.size());
                StreamTelemetryResponse.Builder b =
                    StreamTelemetryResponse.newBuilder().setDropped(feed.takeDropped().getAsLong());
                readings.forEach(r -> b.addPoints(ProtoMapping.point(r)));
                return b.build();
              });
    } catch (RuntimeException e) {
      return Source.failed(GrpcErrors.toGrpc(e));
    }
  }

  @Override
  public Source<StreamEventsResponse, NotUsed> streamEvents(StreamEventsRequest in) {
    return StreamLimit.limited(StreamPermits.get(node.system()), () -> openEvents(in));
  }

  private Source<StreamEventsResponse, NotUsed> openEvents(StreamEventsRequest in) {
    try {
      Set<EventType> types = EnumSet.noneOf(EventType.class);
      for (io.iotsim.proto.simulator.v1.EventType t : in.getEventTypesList()) {
        types.add(ProtoMapping.eventType(t, "event_types"));
      }
      Hub.Feed<LifecycleEvent> feed =
          fleet.events(ProtoMapping.selector(in.getSelector(), false), types);
      return feed.source()
          .map(
              e ->
                  StreamEventsResponse.newBuilder()
                      .setEvent(ProtoMapping.event(e))
                      .setDropped(feed.takeDropped().getAsLong())
                      .build());
    } catch (RuntimeException e) {
      return Source.failed(GrpcErrors.toGrpc(e));
    }
  }

  /**
   * A proto duration within what the node accepts (as text it would be {@code Durations.parse}).
   */
  private static Duration inRange(String field, com.google.protobuf.Duration d) {
    try {
      return io.iotsim.core.time.Durations.checkRange(ProtoMapping.duration(d));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }

  @Override
  public CompletionStage<GetClusterStatusResponse> getClusterStatus(GetClusterStatusRequest in) {
    return guard(() -> fleet.clusterOverview().thenApply(ProtoMapping::clusterStatus));
  }

  @Override
  public CompletionStage<GetRuntimeStatusResponse> getRuntimeStatus(GetRuntimeStatusRequest in) {
    return guard(
        () ->
            CompletableFuture.completedFuture(
                ProtoMapping.runtimeStatus(node.runtimeStatus(), node.verification())));
  }
}
