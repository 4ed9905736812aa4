package io.iotsim.core.scenario;

import java.util.List;

/** A scenario file that is not valid: every problem, each with its line and field path. */
public final class ScenarioException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ScenarioException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem: {@code scenarios/x.yaml line 12: steps[3].wait: must be ...}. */
  public List<String> problems() {
    return problems;
  }
}
