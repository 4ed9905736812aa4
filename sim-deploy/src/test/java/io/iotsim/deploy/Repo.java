package io.iotsim.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The repository this module's tests check, and the tools they run on it. */
final class Repo {

  private Repo() {}

  /** The repository root (surefire runs in sim-deploy/). */
  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    Path root = Files.exists(here.resolve("k8s")) ? here : here.getParent();
    if (!Files.isDirectory(root.resolve("k8s")) || !Files.isRegularFile(root.resolve("pom.xml"))) {
      throw new IllegalStateException("not run from the repository or sim-deploy: " + here);
    }
    return root;
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static String read(String relative) throws IOException {
    return Files.readString(path(relative), StandardCharsets.UTF_8);
  }

  /** {@code kubectl kustomize DIR}: the manifests an operator would apply, rendered offline. */
  static String kustomize(String dir) throws IOException, InterruptedException {
    return run(List.of("kubectl", "kustomize", path(dir).toString()));
  }

  /**
   * Runs a command to its end (at most two minutes) and returns its standard output.
   *
   * @throws IllegalStateException with the command's stderr when it fails
   */
  static String run(List<String> command) throws IOException, InterruptedException {
    Path err = Files.createTempFile("iot-sim-cmd", ".err");
    try {
      Process p =
          new ProcessBuilder(new ArrayList<>(command))
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(command + " did not finish in 2 minutes");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            command + " exited " + p.exitValue() + ": " + Files.readString(err));
      }
      return new String(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
