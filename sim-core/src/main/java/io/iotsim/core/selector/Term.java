package io.iotsim.core.selector;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One ANDed condition of a selector, e.g. {@code zone in (a,b)}. */
record Term(String key, Op op, Set<String> values) {

  enum Op {
    EQUALS,
    NOT_EQUALS,
    IN,
    NOT_IN,
    EXISTS,
    NOT_EXISTS
  }

  static final String DEVICE_TYPE = "device_type";
  static final String DEVICE_ID = "device_id";
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_.\\-/:]+");

  /** The subject's value for this term's key, or null when it has no such label. */
  private String valueOf(String deviceId, String deviceType, Map<String, String> labels) {
    switch (key) {
      case DEVICE_ID:
        return deviceId;
      case DEVICE_TYPE:
        return deviceType;
      default:
        return labels.get(key);
    }
  }

  boolean matches(String deviceId, String deviceType, Map<String, String> labels) {
    String actual = valueOf(deviceId, deviceType, labels);
    switch (op) {
      case EQUALS:
      case IN:
        return actual != null && values.contains(actual);
      case NOT_EQUALS:
      case NOT_IN:
        // as in Kubernetes: a device without the label is not equal to any value
        return actual == null || !values.contains(actual);
      case EXISTS:
        return actual != null;
      case NOT_EXISTS:
        return actual == null;
      default:
        throw new IllegalStateException(op.name());
    }
  }

  /** True when only devices with one of {@link #values} as their id can match. */
  boolean constrainsIds() {
    return key.equals(DEVICE_ID) && (op == Op.EQUALS || op == Op.IN);
  }

  @Override
  public String toString() {
    String k = quote(key);
    switch (op) {
      case EQUALS:
        return k + "=" + quote(values.iterator().next());
      case NOT_EQUALS:
        return k + "!=" + quote(values.iterator().next());
      case IN:
        return k + " in (" + list() + ")";
      case NOT_IN:
        return k + " notin (" + list() + ")";
      case EXISTS:
        return k;
      case NOT_EXISTS:
        return "!" + k;
      default:
        throw new IllegalStateException(op.name());
    }
  }

  private String list() {
    return values.stream().map(Term::quote).collect(Collectors.joining(","));
  }

  /** Bare when the grammar allows, else double-quoted with {@code \"} and {@code \\}. */
  static String quote(String s) {
    if (BARE.matcher(s).matches() && !List.of("in", "notin").contains(s)) {
      return s;
    }
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
