package io.iotsim.core.device;

import io.iotsim.core.CborSerializable;
import io.iotsim.core.fault.FaultSpec;
import io.iotsim.core.profile.DeviceProfile;
import java.util.List;
import java.util.Map;

/**
 * One device as it runs now, for GetDevice and {@code GET /devices/{id}}.
 *
 * @param profile what the device runs now: its profile with the fields, labels and interval an
 *     update gave it (the interval before any backpressure slowdown); null before it started
 * @param intervalMillis the interval it emits at now (doubled while slowed down)
 */
public record DeviceDetail(
    String deviceId,
    String deviceType,
    Lifecycle state,
    Map<String, String> labels,
    String batchId,
    long readings,
    long nextDueMillis,
    long intervalMillis,
    DeviceProfile profile,
    List<FaultSpec> faults)
    implements CborSerializable {}
