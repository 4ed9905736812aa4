package io.iotsim.core.device;

import io.iotsim.core.CborSerializable;
import io.iotsim.core.profile.DeviceProfile;
import java.util.Map;

/**
 * One spawn request as the fleet remembers it: devices {@code deviceType-firstIndex ..
 * deviceType-(firstIndex+count-1)}, all of one profile. Everything a device is follows from its
 * batch and its id (seed, phase, labels), so a device can be recreated anywhere from these few
 * bytes: a million devices are a handful of batches, not a million specs.
 *
 * @param profile the validated profile, shared by reference inside a node (it crosses nodes as its
 *     profile tree)
 * @param labels labels given at spawn time; they override the profile's
 * @param startSimMillis simulated time the batch was spawned at (t_0 of its devices)
 */
public record SpawnBatch(
    String batchId,
    String deviceType,
    long firstIndex,
    int count,
    DeviceProfile profile,
    Map<String, String> labels,
    long masterSeed,
    long startSimMillis)
    implements CborSerializable {

  public boolean contains(long index) {
    return index >= firstIndex && index < firstIndex + count;
  }

  public String deviceId(long index) {
    return DeviceIds.format(deviceType, index);
  }

  public String firstDeviceId() {
    return deviceId(firstIndex);
  }

  public String lastDeviceId() {
    return deviceId(firstIndex + count - 1);
  }
}
