package io.iotsim.http.routes;

import io.iotsim.http.api.ApiException;
import io.iotsim.http.profiles.ProfileCatalog;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/v1/profiles} (the profiles directory) and {@code GET /api/v1/profiles/{name}}.
 */
final class ProfileRoutes extends JsonDirectives {

  private final ProfileCatalog profiles;

  ProfileRoutes(ProfileCatalog profiles) {
    this.profiles = profiles;
  }

  Route route() {
    return get(
        () ->
            concat(
                pathEnd(() -> ok(profiles.list())),
                path(
                    PathMatchers.segment(),
                    name ->
                        ok(
                            profiles
                                .get(name)
                                .orElseThrow(
                                    () ->
                                        ApiException.notFound(
                                            "name",
                                            "name: no profile '"
                                                + name
                                                + "' in "
                                                + profiles.dir()))))));
  }
}
