package io.iotsim.core.scenario;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An expectation on fleet status: {@code PATH OP NUMBER}, e.g. {@code running >= 1000} or {@code
 * by_type.smart_lock.running == 500}. See {@link FleetCounts#value(String)} for the paths.
 */
public record Condition(String path, String op, long value) {

  private static final Pattern FORM =
      Pattern.compile("\\s*([a-z_][a-z0-9_.\\-]*)\\s*(==|!=|>=|<=|>|<)\\s*(\\d+)\\s*");
  private static final Set<String> STATES = Set.of("idle", "running", "paused", "stopped", "error");
  static final List<String> OPS = List.of("==", "!=", ">=", "<=", ">", "<");

  /**
   * @throws IllegalArgumentException saying what is expected
   */
  public static Condition parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "must be PATH OP NUMBER, e.g. 'running >= 1000' or 'by_type.smart_lock.running == 500' (got '"
              + text
              + "')");
    }
    String path = m.group(1);
    String[] parts = path.split("\\.");
    boolean ok =
        (parts.length == 1 && (parts[0].equals("total") || STATES.contains(parts[0])))
            || (parts.length == 2 && parts[0].equals("by_state") && STATES.contains(parts[1]))
            || (parts.length == 3
                && parts[0].equals("by_type")
                && (parts[2].equals("total") || STATES.contains(parts[2])));
    if (!ok) {
      throw new IllegalArgumentException(
          "unknown status '"
              + path
              + "' (expected total, a state ("
              + String.join(", ", new java.util.TreeSet<>(STATES))
              + "), by_state.STATE or by_type.TYPE.STATE|total)");
    }
    return new Condition(path, m.group(2), Long.parseLong(m.group(3)));
  }

  public boolean holds(FleetCounts counts) {
    long v = counts.value(path);
    return switch (op) {
      case "==" -> v == value;
      case "!=" -> v != value;
      case ">=" -> v >= value;
      case "<=" -> v <= value;
      case ">" -> v > value;
      default -> v < value;
    };
  }

  @Override
  public String toString() {
    return path + " " + op + " " + value;
  }
}
