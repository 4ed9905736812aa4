package io.iotsim.core.scenario;

import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.ProfileException;
import io.iotsim.core.profile.ProfileLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the profile a scenario names: a path ({@code profiles/smart_lock.yaml}) or a name ({@code
 * smart_lock}, meaning {@code profiles/smart_lock.yaml}), looked up next to the scenario file, in
 * the directory above it, and in the working directory.
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
   * @throws IllegalArgumentException saying where it looked (relative to each place, so a node's
   *     own directories never reach a client), or the profile's own problems
   */
  public DeviceProfile resolve(String ref) {
    if (ref.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "profile: a profile name must not hold control characters (NUL, newline, ...)");
    }
    boolean isName = ref.matches("[a-z0-9_-]+");
    String relative = isName ? "profiles/" + ref + ".yaml" : ref;
    for (Path base : bases) {
      Path candidate;
      try {
        candidate = base.resolve(relative).normalize();
      } catch (InvalidPathException e) {
        break;
      }
      if (Files.isRegularFile(candidate)) {
        String yaml;
        try {
          yaml = Files.readString(candidate, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new IllegalArgumentException("profile: cannot read '" + ref + "'", e);
        }
        try {
          return ProfileLoader.parse(yaml, relative);
        } catch (ProfileException e) {
          throw new IllegalArgumentException(
              "profile '" + ref + "' is not valid: " + e.getMessage(), e);
        }
      }
    }
    throw new IllegalArgumentException(
        "no profile '"
            + ref
            + "' (looked for "
            + relative
            + " next to the scenario, one directory up, and in the working directory)");
  }
}
