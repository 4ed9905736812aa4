package io.iotsim.http.dashboard;

import io.iotsim.http.api.DashboardViews;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The scenario files shipped with the simulator (scenarios/*.yaml), read on each request. */
public final class ScenarioFiles {

  private final Path dir;

  public ScenarioFiles(Path dir) {
    this.dir = dir;
  }

  /** Every YAML file of the directory by name; empty when there is no directory. */
  public List<DashboardViews.ScenarioFile> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<DashboardViews.ScenarioFile> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
        String file = f.getFileName().toString();
        out.add(
            new DashboardViews.ScenarioFile(
                file.replaceFirst("\\.ya?ml$", ""),
                "scenarios/" + file,
                Files.readString(f, StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }
}
