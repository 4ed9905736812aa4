package io.iotsim.client;

import io.iotsim.proto.simulator.v1.*;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@link IotSimClient}'s calls, waiting for the answer (each still bounded by its deadline). A
 * failed call throws what the asynchronous call failed with (a {@link
 * io.grpc.StatusRuntimeException} or Pekko gRPC's {@code GrpcServiceException}), not a wrapper.
 */
public final class BlockingClient {

  private final IotSimClient client;

  BlockingClient(IotSimClient client) {
    this.client = client;
  }

  public SpawnDevicesResponse spawn(SpawnDevicesRequest request) {
    return await(client.spawn(request));
  }

  public SpawnDevicesResponse spawn(DeviceSpec spec, int count, Map<String, String> labels) {
    return await(client.spawn(spec, count, labels));
  }

  public SpawnDevicesResponse spawnProfile(Path file, int count, Map<String, String> labels) {
    return await(client.spawnProfile(file, count, labels));
  }

  public int stop(DeviceSelector selector) {
    return await(client.stop(selector)).getStopped();
  }

  public int pause(DeviceSelector selector) {
    return await(client.pause(selector)).getPaused();
  }

  public int resume(DeviceSelector selector) {
    return await(client.resume(selector)).getResumed();
  }

  public GetFleetStatusResponse fleetStatus() {
    return await(client.fleetStatus());
  }

  public GetRuntimeStatusResponse runtimeStatus() {
    return await(client.runtimeStatus());
  }

  public GetClusterStatusResponse clusterStatus() {
    return await(client.clusterStatus());
  }

  public ListDevicesResponse listDevices(ListDevicesRequest request) {
    return await(client.listDevices(request));
  }

  /** Every selected device, all pages. */
  public List<DeviceSummary> allDevices(ListDevicesRequest request) {
    return await(
        client
            .allDevices(request)
            .runWith(org.apache.pekko.stream.javadsl.Sink.seq(), client.system()));
  }

  public DeviceDetail device(String deviceId) {
    return await(client.device(deviceId));
  }

  public int injectFault(InjectFaultRequest request) {
    return await(client.injectFault(request)).getAffectedDevices();
  }

  public int update(UpdateDeviceBehaviorRequest request) {
    return await(client.update(request)).getUpdated();
  }

  public ScenarioJob submitScenario(Path file, String speed) {
    return await(client.submitScenario(file, speed));
  }

  public ScenarioJob scenario(String id) {
    return await(client.scenario(id));
  }

  public ScenarioJob cancelScenario(String id) {
    return await(client.cancelScenario(id));
  }

  public List<ScenarioJob> listScenarios() {
    return await(client.listScenarios()).getJobsList();
  }

  /** Waits for {@code stage}, rethrowing its failure as it is. */
  public static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().join();
    } catch (java.util.concurrent.CompletionException e) {
      Throwable cause = Attempts.unwrap(e);
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
