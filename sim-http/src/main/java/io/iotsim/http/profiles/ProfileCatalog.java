package io.iotsim.http.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.FieldSpec;
import io.iotsim.core.profile.Problem;
import io.iotsim.core.profile.ProfileException;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.core.profile.ProfileTree;
import io.iotsim.core.time.Durations;
import io.iotsim.http.api.ApiError;
import io.iotsim.http.api.ApiException;
import io.iotsim.http.api.Views;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * The profiles directory: finds a profile by name ({@code temperature_sensor}) or by a path inside
 * the directory ({@code temperature_sensor.yaml}, {@code profiles/temperature_sensor.yaml}), and
 * never reads a file outside it.
 */
public final class ProfileCatalog {

  private final Path dir;

  public ProfileCatalog(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public Path dir() {
    return dir;
  }

  /**
   * @throws ApiException 400 naming {@code profile} when there is no such profile, it lies outside
   *     the directory, or it is invalid (then with every problem)
   */
  public DeviceProfile load(String reference) {
    Path file = find(reference).orElseThrow(() -> unknown(reference));
    try {
      // named as the catalog knows it: errors never show where the node keeps its files
      return ProfileLoader.parse(
          Files.readString(file, StandardCharsets.UTF_8), dir.relativize(file).toString());
    } catch (IOException e) {
      throw ApiException.badRequest("profile", "profile '" + reference + "' cannot be read");
    } catch (ProfileException e) {
      throw invalid(e, "profile", "profile '" + reference + "' is invalid");
    }
  }

  /** A profile given in the request, in the YAML's shape. */
  public static DeviceProfile inline(JsonNode tree, String field) {
    if (!tree.isObject()) {
      throw ApiException.badRequest(field, "must be a JSON object (a profile)");
    }
    try {
      return ProfileLoader.fromTree(tree);
    } catch (ProfileException e) {
      throw invalid(e, field, field + " is invalid");
    }
  }

  /** Every problem, its path prefixed by the request field the profile came in. */
  private static ApiException invalid(ProfileException e, String field, String what) {
    List<ApiError.Problem> problems = new ArrayList<>();
    for (Problem p : e.problems()) {
      String path = field.equals("profile") ? "profile" : field + "." + p.path();
      problems.add(new ApiError.Problem(path, p.toString()));
    }
    String first = field.equals("profile") ? "profile" : problems.get(0).field();
    return new ApiException(
        StatusCodes.BAD_REQUEST, first, what + ": " + e.getMessage().replace('\n', ';'), problems);
  }

  /**
   * The one answer for every reference that is not a profile of the catalog, whether the file is
   * missing or lies elsewhere: a client learns nothing about the node's files.
   */
  private ApiException unknown(String reference) {
    return ApiException.badRequest(
        "profile",
        "no profile '" + reference + "' in the catalog (have: " + String.join(", ", names()) + ")");
  }

  /** The file a reference names, when it exists inside the directory. */
  Optional<Path> find(String reference) {
    if (reference == null || reference.isBlank()) {
      throw ApiException.badRequest("profile", "must name a profile");
    }
    if (reference.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.badRequest(
          "profile", "a profile name must not hold control characters (NUL, newline, ...)");
    }
    try {
      return candidates(reference).stream()
          .map(Path::normalize)
          .filter(p -> Files.isRegularFile(p) && inside(p))
          .findFirst();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  private List<Path> candidates(String reference) {
    List<Path> candidates = new ArrayList<>();
    boolean hasExtension = reference.endsWith(".yaml") || reference.endsWith(".yml");
    if (hasExtension) {
      candidates.add(dir.resolve(reference));
      candidates.add(Path.of(reference).toAbsolutePath());
    } else {
      candidates.add(dir.resolve(reference + ".yaml"));
      candidates.add(dir.resolve(reference + ".yml"));
    }
    return candidates;
  }

  private boolean inside(Path file) {
    try {
      return file.toRealPath().startsWith(dir.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  /** Profile names (file names without extension), sorted. */
  public List<String> names() {
    return files().stream().map(ProfileCatalog::nameOf).toList();
  }

  public List<Views.ProfileSummary> list() {
    List<Views.ProfileSummary> out = new ArrayList<>();
    for (Path f : files()) {
      String file = dir.relativize(f).toString();
      try {
        DeviceProfile p = ProfileLoader.load(f);
        out.add(
            new Views.ProfileSummary(
                nameOf(f),
                file,
                p.type(),
                p.protocol(),
                Durations.format(p.telemetryInterval()),
                p.fields().stream().map(FieldSpec::name).toList(),
                p.labels(),
                null));
      } catch (ProfileException e) {
        out.add(
            new Views.ProfileSummary(
                nameOf(f), file, null, null, null, null, null, e.getMessage()));
      }
    }
    return out;
  }

  /** A profile's source text and its parsed form; empty when there is no such profile. */
  public Optional<Views.ProfileDetail> get(String name) {
    if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      return Optional.empty();
    }
    return find(name)
        .map(
            f -> {
              try {
                String source = Files.readString(f, StandardCharsets.UTF_8);
                return new Views.ProfileDetail(
                    nameOf(f), dir.relativize(f).toString(), source, spec(load(name)));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /** A profile as it would be written in its YAML file (what {@code profile_inline} takes). */
  public static JsonNode spec(DeviceProfile profile) {
    return ProfileTree.toTree(profile);
  }

  private List<Path> files() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(
              p ->
                  p.getFileName().toString().endsWith(".yaml")
                      || p.getFileName().toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static String nameOf(Path f) {
    String n = f.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.'));
  }
}
