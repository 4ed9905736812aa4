package io.iotsim.cluster.fleet;

import io.iotsim.core.device.LocalDevice;
import java.util.List;

/** One page of a device listing; {@code nextCursor} is null on the last page. */
public record DevicePage(List<LocalDevice> devices, String nextCursor) {}
