package io.iotsim.core.scenario;

/** A scenario step did not hold (an expectation, a step the fleet refused); fails the scenario. */
public final class ScenarioFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ScenarioFailedException(String message) {
    super(message);
  }

  public ScenarioFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
