package io.iotsim.core.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The profiles in the repository's top-level {@code profiles/} folder. */
final class ShippedProfiles {

  private ShippedProfiles() {}

  static Path dir() {
    // surefire runs in the module directory; an IDE may run in the repository root
    for (Path candidate : List.of(Path.of("..", "profiles"), Path.of("profiles"))) {
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("profiles/ not found from " + Path.of("").toAbsolutePath());
  }

  static List<Path> all() {
    try (Stream<Path> files = Files.list(dir())) {
      return files
          .filter(p -> p.toString().endsWith(".yaml"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path named(String name) {
    return dir().resolve(name + ".yaml");
  }
}
