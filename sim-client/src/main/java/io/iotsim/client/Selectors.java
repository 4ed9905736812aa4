package io.iotsim.client;

import io.iotsim.proto.simulator.v1.DeviceIds;
import io.iotsim.proto.simulator.v1.DeviceSelector;
import java.util.List;

/** Shorthands for the contract's {@link DeviceSelector}. */
public final class Selectors {

  private Selectors() {}

  /** Every device. */
  public static DeviceSelector all() {
    return DeviceSelector.newBuilder().setAll(true).build();
  }

  /** A label selector: {@code k=v,k2!=v2,k3 in (a,b),device_type=T}. */
  public static DeviceSelector labels(String expression) {
    return DeviceSelector.newBuilder().setLabelSelector(expression).build();
  }

  /** The devices of one type. */
  public static DeviceSelector type(String deviceType) {
    return labels("device_type=" + deviceType);
  }

  /** These devices. */
  public static DeviceSelector ids(List<String> ids) {
    return DeviceSelector.newBuilder()
        .setDeviceIds(DeviceIds.newBuilder().addAllIds(ids).build())
        .build();
  }
}
