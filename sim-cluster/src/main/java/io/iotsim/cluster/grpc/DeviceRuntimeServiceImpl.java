package io.iotsim.cluster.grpc;

import static io.iotsim.cluster.grpc.GrpcErrors.guard;

import io.iotsim.cluster.fleet.DevicePage;
import io.iotsim.cluster.fleet.Fleet;
import io.iotsim.cluster.hub.Hub;
import io.iotsim.cluster.metrics.StreamMetrics;
import io.iotsim.cluster.node.SimNode;
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
                .stop(ProtoMapping.selector(in.getSelector(), true))
                .thenApply(n -> StopDevicesResponse.newBuilder().setStopped(n).build()));
  }

  @Override
  public CompletionStage<PauseDevicesResponse> pauseDevices(PauseDevicesRequest in) {
    return guard(
        () ->
            fleet
                .pause(ProtoMapping.selector(in.getSelector(), true))
                .thenApply(n -> PauseDevicesResponse.newBuilder().setPaused(n).build()));
  }

  @Override
  public CompletionStage<ResumeDevicesResponse> resumeDevices(ResumeDevicesRequest in) {
    return guard(
        () ->
            fleet
                .resume(ProtoMapping.selector(in.getSelector(), true))
                .thenApply(n -> ResumeDevicesResponse.newBuilder().setResumed(n).build()));
  }

  @Override
  public CompletionStage<GetFleetStatusResponse> getFleetStatus(GetFleetStatusRequest in) {
    return guard(
        () ->
            CompletableFuture.completedFuture(
                ProtoMapping.fleetStatus(
                    fleet.status(ProtoMapping.selector(in.getSelector(), false)))));
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
          DevicePage page =
              fleet.list(
                  ProtoMapping.selector(in.getSelector(), false),
                  state,
                  limit,
                  in.getCursor().isEmpty() ? null : in.getCursor());
          ListDevicesResponse.Builder b = ListDevicesResponse.newBuilder();
          page.devices().forEach(d -> b.addDevices(ProtoMapping.summary(d)));
          if (page.nextCursor() != null) {
            b.setNextCursor(page.nextCursor());
          }
          return CompletableFuture.completedFuture(b.build());
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
              .get(in.getDeviceId())
              .thenApply(
                  d ->
                      d.map(
                              detail ->
                                  GetDeviceResponse.newBuilder()
                                      .setDevice(ProtoMapping.detail(detail))
                                      .build())
                          .orElseThrow(
                              () ->
                                  GrpcErrors.notFound(
                                      "device_id: no device '" + in.getDeviceId() + "'")));
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
          return fleet
              .injectFault(
                  selector,
                  type,
                  inRange("duration", in.getDuration()),
                  ProtoMapping.params(in.getParams()))
              .thenApply(n -> InjectFaultResponse.newBuilder().setAffectedDevices(n).build());
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
              .update(selector, update)
              .thenApply(n -> UpdateDeviceBehaviorResponse.newBuilder().setUpdated(n).build());
        });
  }

  @Override
  public Source<StreamTelemetryResponse, NotUsed> streamTelemetry(StreamTelemetryRequest in) {
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
  public CompletionStage<GetRuntimeStatusResponse> getRuntimeStatus(GetRuntimeStatusRequest in) {
    return guard(
        () ->
            CompletableFuture.completedFuture(
                ProtoMapping.runtimeStatus(node.runtimeStatus(), node.verification())));
  }
}
