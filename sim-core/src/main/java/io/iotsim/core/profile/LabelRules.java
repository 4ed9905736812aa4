package io.iotsim.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one grammar for label keys and values, Kubernetes' label rules, so that every label a device
 * carries can be written in a selector (bare words take {@code [A-Za-z0-9_.-/:]}; an empty value is
 * {@code ""}).
 *
 * <ul>
 *   <li>key: an optional prefix and {@code /}, then a name. The name is 1 to 63 characters of
 *       {@code [A-Za-z0-9._-]}, beginning and ending with a letter or digit. The prefix is a DNS
 *       subdomain: dot-separated parts of {@code [a-z0-9-]}, each beginning and ending with a
 *       letter or digit, 253 characters at most ({@code example.com/site}).
 *   <li>value: empty, or 1 to 63 characters of {@code [A-Za-z0-9._-]}, beginning and ending with a
 *       letter or digit.
 * </ul>
 *
 * Checked at spawn (profile labels and spawn labels) and at update ({@code set_labels}).
 */
public final class LabelRules {

  static final int MAX_NAME = 63;
  static final int MAX_PREFIX = 253;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
  private static final Pattern DNS_PART = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final String GRAMMAR =
      "[prefix/]name, name 1-63 of A-Z a-z 0-9 . _ - beginning and ending alphanumeric,"
          + " prefix a lower-case DNS subdomain";

  private LabelRules() {}

  /** What is wrong with {@code key} as a label key; empty when it is fine. */
  public static Optional<String> keyProblem(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.of("a label key must not be empty");
    }
    int slash = key.lastIndexOf('/');
    String name = key.substring(slash + 1);
    if (slash >= 0 && !isDnsSubdomain(key.substring(0, slash))) {
      return Optional.of(
          "a label key's prefix must be a DNS subdomain of at most "
              + MAX_PREFIX
              + " characters (got '"
              + printable(key)
              + "'; "
              + GRAMMAR
              + ")");
    }
    if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
      return Optional.of("not a label key (got '" + printable(key) + "'; " + GRAMMAR + ")");
    }
    return Optional.empty();
  }

  /** What is wrong with {@code value} as a label value; empty when it is fine. */
  public static Optional<String> valueProblem(String value) {
    if (value == null) {
      return Optional.of("a label value must be a string");
    }
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.length() > MAX_NAME || !NAME.matcher(value).matches()) {
      return Optional.of(
          "not a label value (got '"
              + printable(value)
              + "'; empty, or 1-63 of A-Z a-z 0-9 . _ - beginning and ending alphanumeric)");
    }
    return Optional.empty();
  }

  /**
   * Checks every label of {@code labels}, as given in {@code field} ({@code labels}, {@code
   * set_labels}).
   *
   * @throws ProfileException with every bad label, each at {@code field.key} (a path, so the edges
   *     name it even when the key itself is not a word)
   */
  public static void check(String field, Map<String, String> labels) {
    List<Problem> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : labels.entrySet()) {
      keyProblem(e.getKey())
          .or(() -> valueProblem(e.getValue()))
          .ifPresent(
              m ->
                  problems.add(
                      new Problem(Problems.join(field, printable(String.valueOf(e.getKey()))), m)));
    }
    if (!problems.isEmpty()) {
      throw new ProfileException(problems);
    }
  }

  private static boolean isDnsSubdomain(String prefix) {
    if (prefix.isEmpty() || prefix.length() > MAX_PREFIX) {
      return false;
    }
    for (String part : prefix.split("\\.", -1)) {
      if (!DNS_PART.matcher(part).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Control characters (a NUL) shown as escapes, so a message stays one readable line. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.toString();
  }
}
