package io.iotsim.cli;

import java.util.List;

/** The line a client command prints when some nodes did not answer: the result is partial. */
final class Partial {

  private Partial() {}

  static void print(List<String> missingNodes) {
    if (!missingNodes.isEmpty()) {
      System.out.println(
          "partial: no answer from "
              + String.join(", ", missingNodes)
              + " (their devices are not counted)");
    }
  }
}
