package io.iotsim.core.scenario;

import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.ProfileException;
import io.iotsim.core.profile.ProfileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the profile a scenario names: a path ({@code profiles/smart_lock.yaml}) or a name
 * ({@code smart_lock}, meaning {@code profiles/smart_lock.yaml}), looked up next to the scenario
 * file, in the directory above it, and in the working directory.
 */
public final class ProfileResolver {

  private final List<Path> bases;

  public ProfileResolver(List<Path> bases) {
    this.bases = List.copyOf(bases);
  }

  /** Bases for a scenario file: its directory, that directory's parent, the working directory. */
  public static ProfileResolver near(Path scenarioFile) {
    Set<Path> bases = new LinkedHashSet<>();
    Path dir = scenarioFile == null ? null : scenarioFile.toAbsolutePath().getParent();
    if (dir != null) {
      bases.add(dir);
      if (dir.getParent() != null) {
        bases.add(dir.getParent());
      }
    }
    bases.add(Path.of("").toAbsolutePath());
    return new ProfileResolver(new ArrayList<>(bases));
  }

  /**
   * @throws IllegalArgumentException saying where it looked, or the profile's own problems
   */
  public DeviceProfile resolve(String ref) {
    List<Path> tried = new ArrayList<>();
    boolean isName = ref.matches("[a-z0-9_-]+");
    for (Path base : bases) {
      Path candidate = base.resolve(isName ? "profiles/" + ref + ".yaml" : ref).normalize();
      tried.add(candidate);
      if (Files.isRegularFile(candidate)) {
        try {
          return ProfileLoader.load(candidate);
        } catch (ProfileException e) {
          throw new IllegalArgumentException("profile " + candidate + " is not valid: " + e.getMessage(), e);
        }
      }
    }
    throw new IllegalArgumentException("no profile '" + ref + "' (looked for " + tried + ")");
  }
}
