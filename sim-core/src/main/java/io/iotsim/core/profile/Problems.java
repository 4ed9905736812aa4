package io.iotsim.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects problems while a tree is read, and reads typed values from it: each reader reports what
 * is wrong at the value's path and returns {@code null} so validation goes on.
 */
final class Problems {

  private final List<Problem> list = new ArrayList<>();

  void add(String path, String message) {
    list.add(new Problem(path, message));
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  int size() {
    return list.size();
  }

  List<Problem> list() {
    return list;
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** A finite number, or null (absent, or reported). */
  Double number(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      add(path, "must be a number (got " + JsonValues.show(node) + ")");
      return null;
    }
    double v = node.doubleValue();
    if (!Double.isFinite(v)) {
      add(path, "must be a finite number (got " + v + ")");
      return null;
    }
    return v;
  }

  /** A whole number in [min, max] (a Struct's 3.0 counts as 3), or null. */
  Integer integer(JsonNode node, String path, int min, int max, String expectation) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()
        || node.doubleValue() != Math.rint(node.doubleValue())
        || node.doubleValue() < min
        || node.doubleValue() > max) {
      add(path, "must be " + expectation + " (got " + JsonValues.show(node) + ")");
      return null;
    }
    return (int) node.doubleValue();
  }

  /** A string, or null. */
  String text(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      add(path, "must be a string (got " + JsonValues.show(node) + ")");
      return null;
    }
    return node.textValue();
  }
}
