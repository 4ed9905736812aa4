package io.iotsim.http.routes;

import io.iotsim.cluster.fleet.ClusterOverview;
import io.iotsim.cluster.fleet.Fleet;
import io.iotsim.http.api.Views;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /api/v1/cluster}: members, status, reachability, shards and devices per node. */
final class ClusterRoutes extends JsonDirectives {

  private final Fleet fleet;

  ClusterRoutes(Fleet fleet) {
    this.fleet = fleet;
  }

  Route cluster() {
    return get(() -> onSuccess(fleet.clusterOverview(), o -> ok(view(o))));
  }

  static Views.ClusterStatus view(ClusterOverview o) {
    return new Views.ClusterStatus(
        o.self(),
        o.leader(),
        o.members().stream()
            .map(
                m ->
                    new Views.ClusterMember(
                        m.node(),
                        m.status(),
                        m.reachable(),
                        m.roles(),
                        m.shards(),
                        m.devices(),
                        m.maxDevices()))
            .toList(),
        o.devices(),
        o.missingNodes());
  }
}
