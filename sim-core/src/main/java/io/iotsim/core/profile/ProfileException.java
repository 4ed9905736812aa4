package io.iotsim.core.profile;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A profile that cannot be used, with every problem found (not just the first), so a user fixes a
 * file in one round. The message lists the problems one per line; paths are inside the profile, and
 * {@link #source()} says which profile when it is known (a file name, "request").
 */
public final class ProfileException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;
  private final String source;

  public ProfileException(List<Problem> problems) {
    this(null, problems);
  }

  public ProfileException(Problem problem) {
    this(null, List.of(problem));
  }

  /**
   * @param source where the profile came from, or null
   */
  public ProfileException(String source, List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ProfileException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
    this.source = source;
  }

  public List<Problem> problems() {
    return problems;
  }

  /** Where the profile came from, when the loader was told. */
  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  /** The same problems, attributed to {@code source}. */
  ProfileException from(String source) {
    ProfileException e = new ProfileException(source, problems);
    e.setStackTrace(getStackTrace());
    return e;
  }
}
