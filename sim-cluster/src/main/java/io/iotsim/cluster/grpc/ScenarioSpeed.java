package io.iotsim.cluster.grpc;

/** The {@code speed} of a scenario submission: a number > 0 or {@code max}. */
public final class ScenarioSpeed {

  private ScenarioSpeed() {}

  /**
   * @throws IllegalArgumentException naming the field when it is neither
   */
  public static void check(String text) {
    ScenarioServiceImpl.speed(text);
  }
}
