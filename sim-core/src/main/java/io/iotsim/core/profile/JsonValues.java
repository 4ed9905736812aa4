package io.iotsim.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small conversions between Jackson trees and the plain values profiles hold. */
final class JsonValues {

  /** Integral numbers up to this magnitude survive a round trip through a double (proto Struct). */
  private static final double MAX_EXACT_INTEGER = 9_007_199_254_740_992.0;

  private JsonValues() {}

  /**
   * A tree as plain, unmodifiable Java values. Numbers become Long when integral and exactly
   * representable as a double, otherwise Double, so the value is the same whether it came from YAML
   * ({@code 1883}) or from a proto Struct ({@code 1883.0}).
   */
  static Object plain(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isNumber()) {
      return number(node.doubleValue());
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(element -> list.add(plain(element)));
      return Collections.unmodifiableList(list);
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
      return Collections.unmodifiableMap(map);
    }
    return node.asText();
  }

  static Object number(double d) {
    if (d == Math.rint(d) && Math.abs(d) <= MAX_EXACT_INTEGER) {
      return (long) d;
    }
    return d;
  }

  /** A double as a user would write it: {@code 0.9}, not {@code 0.8999999999999999}. */
  static String show(double d) {
    if (!Double.isFinite(d)) {
      return Double.toString(d);
    }
    return new BigDecimal(d).round(new MathContext(12)).stripTrailingZeros().toPlainString();
  }

  /** A node as it appears in a message: text quoted, anything else as JSON. */
  static String show(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isTextual()) {
      return "'" + node.textValue() + "'";
    }
    return node.toString();
  }
}
