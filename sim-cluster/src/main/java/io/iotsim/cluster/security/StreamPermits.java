package io.iotsim.cluster.security;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;

/**
 * The node-wide bound on open live streams (SSE and gRPC telemetry and event subscribers together,
 * {@code iot-sim.security.max-streams}): each subscriber holds a bounded buffer on the node, so
 * their number must be bounded too. One per actor system, shared by every edge.
 */
public final class StreamPermits implements Extension {

  /** One open stream's place; {@link #release} is safe to call more than once. */
  public static final class Permit {
    private final AtomicInteger open;
    private final AtomicBoolean released = new AtomicBoolean();

    private Permit(AtomicInteger open) {
      this.open = open;
    }

    public void release() {
      if (released.compareAndSet(false, true)) {
        open.decrementAndGet();
      }
    }
  }

  private static final Id ID = new Id();

  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  private StreamPermits(int max) {
    this.max = max;
  }

  public static StreamPermits get(ClassicActorSystemProvider system) {
    return ID.get(system.classicSystem());
  }

  /** A place for one more stream, or empty when {@link #max()} are open. */
  public Optional<Permit> tryAcquire() {
    while (true) {
      int n = open.get();
      if (n >= max) {
        return Optional.empty();
      }
      if (open.compareAndSet(n, n + 1)) {
        return Optional.of(new Permit(open));
      }
    }
  }

  public int max() {
    return max;
  }

  public int open() {
    return open.get();
  }

  /** What a refused subscriber is told. */
  public String refusal() {
    return "open streams: this node serves at most "
        + max
        + " live streams at once (iot-sim.security.max-streams); close one or try later";
  }

  private static final class Id extends AbstractExtensionId<StreamPermits> {
    @Override
    public StreamPermits createExtension(ExtendedActorSystem system) {
      int max = system.settings().config().getInt("iot-sim.security.max-streams");
      if (max < 1) {
        throw new IllegalArgumentException(
            "iot-sim.security.max-streams: must be >= 1 (got " + max + ")");
      }
      return new StreamPermits(max);
    }
  }
}
