package io.iotsim.core.selector;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which devices an operation applies to: {@code all}, or comma-separated terms that must all hold:
 * {@code key=value}, {@code key==value}, {@code key!=value}, {@code key in (a,b)}, {@code key notin
 * (a,b)}, {@code key} (label present), {@code !key} (label absent). The keys {@code device_type}
 * and {@code device_id} match the device's type and id instead of a label.
 *
 * <p>Immutable. {@link #toString()} is canonical: parsing it gives an equal selector.
 */
public final class Selector {

  private static final Selector ALL = new Selector(List.of());

  private final List<Term> terms;
  private final Set<String> ids;

  private Selector(List<Term> terms) {
    this.terms = List.copyOf(terms);
    this.ids = idsOf(this.terms);
  }

  /**
   * Parses an expression.
   *
   * @throws SelectorException with the column where it went wrong
   */
  public static Selector parse(String expr) {
    if (expr == null) {
      throw new SelectorException("expected a selector, got null", 1, "");
    }
    if (expr.strip().equals("all")) {
      return ALL;
    }
    return new Selector(new SelectorParser(expr).terms());
  }

  /** Every device. */
  public static Selector all() {
    return ALL;
  }

  /** The devices with these ids ({@code device_id in (...)}); none when {@code ids} is empty. */
  public static Selector ids(Collection<String> ids) {
    return new Selector(List.of(new Term(Term.DEVICE_ID, Term.Op.IN, sorted(ids))));
  }

  public boolean matches(String deviceId, String deviceType, Map<String, String> labels) {
    for (Term term : terms) {
      if (!term.matches(deviceId, deviceType, labels)) {
        return false;
      }
    }
    return true;
  }

  public boolean isAll() {
    return terms.isEmpty();
  }

  /**
   * The only ids that can match, when the selector is made of {@code device_id} equalities and
   * {@code in} lists alone: callers look these up instead of scanning the fleet. Empty otherwise.
   */
  public Optional<Set<String>> deviceIds() {
    return Optional.ofNullable(ids);
  }

  @Override
  public String toString() {
    return isAll() ? "all" : terms.stream().map(Term::toString).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Selector s && terms.equals(s.terms);
  }

  @Override
  public int hashCode() {
    return terms.hashCode();
  }

  static Set<String> sorted(Collection<String> values) {
    return Collections.unmodifiableSet(new TreeSet<>(values));
  }

  private static Set<String> idsOf(List<Term> terms) {
    if (terms.isEmpty() || !terms.stream().allMatch(Term::constrainsIds)) {
      return null;
    }
    Set<String> ids = new TreeSet<>(terms.get(0).values());
    terms.forEach(t -> ids.retainAll(t.values()));
    return Collections.unmodifiableSet(ids);
  }
}
