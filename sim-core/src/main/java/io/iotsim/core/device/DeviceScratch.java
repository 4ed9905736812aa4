package io.iotsim.core.device;

import io.iotsim.core.generator.Reading;
import io.iotsim.core.payload.EnvelopeEncoder;
import io.iotsim.core.publish.EncodedReading;

/**
 * Per-thread buffers a device fills for each reading. An actor runs on one thread at a time and
 * finishes a reading within one message, so a thread's scratch is never shared; a million devices
 * then need a few buffers, not a million.
 */
final class DeviceScratch {

  private static final ThreadLocal<DeviceScratch> LOCAL =
      ThreadLocal.withInitial(DeviceScratch::new);

  final Reading reading = new Reading();
  final EnvelopeEncoder encoder = new EnvelopeEncoder();
  final EncodedReading out = new EncodedReading();

  static DeviceScratch get() {
    return LOCAL.get();
  }
}
