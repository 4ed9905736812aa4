package io.iotsim.core.profile;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A profile that cannot be used, with every problem found (not just the first), so a user fixes a
 * file in one round. The message lists the problems one per line.
 */
public final class ProfileException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public ProfileException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ProfileException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public ProfileException(Problem problem) {
    this(List.of(problem));
  }

  public List<Problem> problems() {
    return problems;
  }
}
