package io.iotsim.http.routes;

import io.iotsim.cluster.fleet.RuntimeStatus;
import io.iotsim.cluster.node.SimNode;
import io.iotsim.core.clock.SimClock;
import io.iotsim.core.publish.PublisherStats;
import io.iotsim.http.api.Views;
import io.iotsim.http.json.Timestamps;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /api/v1/status} (runtime status) and {@code GET /api/v1/health}. */
final class StatusRoutes extends JsonDirectives {

  private final SimNode node;

  StatusRoutes(SimNode node) {
    this.node = node;
  }

  Route status() {
    return get(() -> ok(view(node.runtimeStatus(), node.ready(), node.verification())));
  }

  Route health() {
    return get(
        () -> {
          RuntimeStatus s = node.runtimeStatus();
          return ok(
              new Views.Health("ok", node.ready(), s.runId(), s.uptime().toMillis() / 1000.0));
        });
  }

  static Views.RuntimeStatus view(RuntimeStatus s, boolean ready) {
    return view(s, ready, java.util.Optional.empty());
  }

  static Views.RuntimeStatus view(
      RuntimeStatus s,
      boolean ready,
      java.util.Optional<io.iotsim.core.publish.verify.VerificationReport> verification) {
    List<Views.ProtocolStatus> protocols = new ArrayList<>();
    for (PublisherStats.Snapshot p : s.protocols()) {
      protocols.add(
          new Views.ProtocolStatus(
              p.protocol(),
              p.sentOk(),
              p.sentError(),
              p.dropped(),
              p.reconnects(),
              p.queueDepth(),
              p.latencyP50Millis(),
              p.latencyP99Millis(),
              p.generated(),
              p.acknowledged(),
              p.droppedDisconnected(),
              p.droppedShutdown(),
              p.inFlight(),
              p.connected(),
              p.connecting()));
    }
    return new Views.RuntimeStatus(
        s.activeDevices(),
        s.maxDevices(),
        s.readingsTotal(),
        s.messagesSentTotal(),
        s.messagesPerSecond(),
        s.heapUsedBytes(),
        s.heapMaxBytes(),
        s.uptime().toMillis() / 1000.0,
        s.threadCount(),
        s.telemetryDroppedTotal(),
        s.publishDroppedTotal(),
        s.deviceErrorsTotal(),
        protocols,
        Timestamps.iso(s.simTimeMillis()),
        s.speed() == SimClock.MAX_SPEED ? "max" : stripZero(s.speed()),
        Long.toUnsignedString(s.masterSeed()),
        s.runId(),
        s.nodeAddress(),
        s.clusterMembers(),
        ready,
        verification
            .map(
                v ->
                    new Views.Verification(
                        v.expected(),
                        v.delivered(),
                        v.missing(),
                        v.duplicated(),
                        v.outOfOrder(),
                        v.foreign(),
                        v.latencyMillis(50),
                        v.latencyMillis(99),
                        v.latencyMillis(99.9),
                        v.maxLatencyMillis()))
            .orElse(null));
  }

  private static String stripZero(double speed) {
    return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
  }
}
