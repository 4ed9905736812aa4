package io.iotsim.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsim.core.generator.GeneratorParams;
import io.iotsim.core.generator.GeneratorSpec;
import io.iotsim.core.generator.GeneratorType;
import io.iotsim.core.generator.GeneratorTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one generator mapping ({@code type} plus its parameters) into a {@link GeneratorSpec},
 * reporting every problem at its path. The parameter names are snake_case, as in profile files and
 * the wire's Struct.
 */
final class GeneratorParser {

  /** Parameters per generator type, in the order toSpec writes them. */
  static final Map<String, List<String>> PARAMETERS = new LinkedHashMap<>();

  static {
    PARAMETERS.put("gaussian", List.of("mean", "stddev"));
    PARAMETERS.put("static", List.of("value"));
    PARAMETERS.put(
        "brownian",
        List.of("start", "drift", "volatility", "mean_reversion", "mean", "min", "max"));
    // stddev: older specs spell noise_stddev as stddev in the wire's Struct; read both
    PARAMETERS.put(
        "diurnal", List.of("baseline", "amplitude", "peak_hour", "noise_stddev", "stddev"));
    PARAMETERS.put("markov", List.of("states", "transition_matrix", "initial_state"));
    PARAMETERS.put("composite", List.of("parts"));
    PARAMETERS.put("counter", List.of("start", "rate_per_second", "jitter_stddev"));
  }

  /** The built-in types and the registered ones, for messages. */
  static String types() {
    List<String> names = new ArrayList<>(PARAMETERS.keySet());
    GeneratorTypes.all().forEach(t -> names.add(t.name()));
    return String.join(", ", names);
  }

  private static List<String> parametersOf(String type) {
    List<String> builtIn = PARAMETERS.get(type);
    return builtIn != null
        ? builtIn
        : GeneratorTypes.named(type).map(GeneratorType::parameters).orElse(null);
  }

  private final Problems problems;

  GeneratorParser(Problems problems) {
    this.problems = problems;
  }

  /**
   * The generator at {@code path}, or null when it has problems (all reported).
   *
   * @param extraKeys keys the caller reads itself (a field's {@code precision})
   */
  GeneratorSpec parse(JsonNode node, String path, Set<String> extraKeys) {
    if (node == null || !node.isObject()) {
      problems.add(
          path,
          "must be a mapping with a 'type' and its parameters (got " + JsonValues.show(node) + ")");
      return null;
    }
    JsonNode typeNode = node.get("type");
    if (typeNode == null || typeNode.isNull()) {
      problems.add(Problems.join(path, "type"), "required (one of " + types() + ")");
      return null;
    }
    String type = problems.text(typeNode, Problems.join(path, "type"));
    if (type == null) {
      return null;
    }
    List<String> parameters = parametersOf(type);
    if (parameters == null) {
      problems.add(
          Problems.join(path, "type"),
          "unknown generator '" + type + "' (expected one of " + types() + ")");
      return null;
    }
    int before = problems.size();
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!key.equals("type") && !extraKeys.contains(key) && !parameters.contains(key)) {
                problems.add(Problems.join(path, key), "unknown parameter for " + type);
              }
            });
    Params p = new Params(node, path, type);
    GeneratorSpec spec;
    try {
      spec =
          switch (type) {
            case "gaussian" -> gaussian(p);
            case "static" -> staticValue(p);
            case "brownian" -> brownian(p);
            case "diurnal" -> diurnal(p);
            case "markov" -> markov(p);
            case "composite" -> composite(p);
            case "counter" -> counter(p);
            default -> GeneratorTypes.named(type).orElseThrow().read(p);
          };
    } catch (IllegalArgumentException e) {
      // the spec's own invariant check: the reads above should have caught it first
      problems.add(path, e.getMessage());
      return null;
    }
    return problems.size() == before ? spec : null;
  }

  private GeneratorSpec gaussian(Params p) {
    Double mean = p.required("mean");
    Double stddev = p.nonNegative(p.required("stddev"), "stddev");
    return mean == null || stddev == null ? null : new GeneratorSpec.Gaussian(mean, stddev);
  }

  private GeneratorSpec staticValue(Params p) {
    JsonNode value = p.node.get("value");
    String path = p.path("value");
    if (value == null || value.isNull()) {
      problems.add(path, "required for static");
      return null;
    }
    if (value.isNumber()) {
      Double d = problems.number(value, path);
      return d == null ? null : new GeneratorSpec.Static(d);
    }
    if (value.isTextual()) {
      return new GeneratorSpec.Static(value.textValue());
    }
    if (value.isBoolean()) {
      return new GeneratorSpec.Static(value.booleanValue());
    }
    problems.add(
        path, "must be a number, a string or a boolean (got " + JsonValues.show(value) + ")");
    return null;
  }

  private GeneratorSpec brownian(Params p) {
    Double start = p.required("start");
    Double drift = p.optional("drift", 0.0);
    Double volatility = p.nonNegative(p.required("volatility"), "volatility");
    Double reversion = p.nonNegative(p.optional("mean_reversion", 0.0), "mean_reversion");
    Double mean = p.optional("mean", start);
    Double min = p.required("min");
    Double max = p.required("max");
    if (min != null && max != null && min > max) {
      problems.add(
          p.path("min"),
          "must be <= max (got " + JsonValues.show(min) + " > " + JsonValues.show(max) + ")");
      return null;
    }
    if (start != null && min != null && max != null && (start < min || start > max)) {
      problems.add(
          p.path("start"),
          "must be within [min, max] (got "
              + JsonValues.show(start)
              + " outside ["
              + JsonValues.show(min)
              + ", "
              + JsonValues.show(max)
              + "])");
      return null;
    }
    if (start == null
        || drift == null
        || volatility == null
        || reversion == null
        || mean == null
        || min == null
        || max == null) {
      return null;
    }
    return new GeneratorSpec.Brownian(start, drift, volatility, reversion, mean, min, max);
  }

  private GeneratorSpec diurnal(Params p) {
    Double baseline = p.required("baseline");
    Double amplitude = p.nonNegative(p.required("amplitude"), "amplitude");
    Double peakHour = p.required("peak_hour");
    if (peakHour != null && !(peakHour >= 0 && peakHour < 24)) {
      problems.add(
          p.path("peak_hour"),
          "must be an hour from 0 to 23, fractions allowed (got "
              + JsonValues.show(peakHour)
              + ")");
      peakHour = null;
    }
    String noiseKey = "noise_stddev";
    if (p.node.has("stddev")) {
      if (p.node.has("noise_stddev")) {
        problems.add(p.path("stddev"), "give either noise_stddev or stddev, not both");
        return null;
      }
      noiseKey = "stddev";
    }
    Double noise = p.nonNegative(p.optional(noiseKey, 0.0), noiseKey);
    if (baseline == null || amplitude == null || peakHour == null || noise == null) {
      return null;
    }
    return new GeneratorSpec.Diurnal(baseline, amplitude, peakHour, noise);
  }

  private GeneratorSpec markov(Params p) {
    List<String> states = markovStates(p);
    double[][] matrix = markovMatrix(p, states == null ? -1 : states.size());
    Integer initial = 0;
    JsonNode initialNode = p.node.get("initial_state");
    if (initialNode != null && !initialNode.isNull()) {
      String name = problems.text(initialNode, p.path("initial_state"));
      initial = null;
      if (name != null && states != null) {
        initial = states.indexOf(name);
        if (initial < 0) {
          problems.add(
              p.path("initial_state"),
              "unknown state '" + name + "' (expected one of " + String.join(", ", states) + ")");
          initial = null;
        }
      }
    }
    if (states == null || matrix == null || initial == null) {
      return null;
    }
    return new GeneratorSpec.Markov(states, matrix, initial);
  }

  private List<String> markovStates(Params p) {
    JsonNode node = p.node.get("states");
    String path = p.path("states");
    if (node == null || node.isNull()) {
      problems.add(path, "required for markov");
      return null;
    }
    if (!node.isArray() || node.isEmpty()) {
      problems.add(
          path, "must be a non-empty list of state names (got " + JsonValues.show(node) + ")");
      return null;
    }
    List<String> states = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean ok = true;
    for (int i = 0; i < node.size(); i++) {
      JsonNode s = node.get(i);
      String itemPath = path + "[" + i + "]";
      if (!s.isTextual() && !s.isNumber() && !s.isBoolean()) {
        problems.add(itemPath, "must be a state name (got " + JsonValues.show(s) + ")");
        ok = false;
        continue;
      }
      String name = s.asText();
      if (name.isEmpty()) {
        problems.add(itemPath, "must not be empty");
        ok = false;
      } else if (!seen.add(name)) {
        problems.add(itemPath, "duplicate state '" + name + "'");
        ok = false;
      }
      states.add(name);
    }
    return ok ? states : null;
  }

  /** The matrix, checked against {@code size} states (-1: states unusable, check rows alone). */
  private double[][] markovMatrix(Params p, int size) {
    JsonNode node = p.node.get("transition_matrix");
    String path = p.path("transition_matrix");
    if (node == null || node.isNull()) {
      problems.add(path, "required for markov");
      return null;
    }
    if (!node.isArray()) {
      problems.add(
          path, "must be a list of rows, one per state (got " + JsonValues.show(node) + ")");
      return null;
    }
    boolean ok = true;
    if (size >= 0 && node.size() != size) {
      problems.add(path, "must have " + size + " rows, one per state (got " + node.size() + ")");
      ok = false;
    }
    double[][] matrix = new double[node.size()][];
    for (int i = 0; i < node.size(); i++) {
      String rowPath = path + "[" + i + "]";
      JsonNode row = node.get(i);
      if (!row.isArray()) {
        problems.add(rowPath, "must be a list of probabilities (got " + JsonValues.show(row) + ")");
        ok = false;
        continue;
      }
      int width = size >= 0 ? size : node.size();
      if (row.size() != width) {
        problems.add(
            rowPath, "must have " + width + " entries, one per state (got " + row.size() + ")");
        ok = false;
      }
      matrix[i] = new double[row.size()];
      double sum = 0;
      boolean rowOk = true;
      for (int j = 0; j < row.size(); j++) {
        Double v = problems.number(row.get(j), rowPath + "[" + j + "]");
        if (v == null) {
          if (row.get(j).isNull()) {
            problems.add(rowPath + "[" + j + "]", "must be a probability (got null)");
          }
          rowOk = false;
        } else if (v < 0 || v > 1) {
          problems.add(
              rowPath + "[" + j + "]",
              "must be a probability in [0, 1] (got " + JsonValues.show(v) + ")");
          rowOk = false;
        } else {
          matrix[i][j] = v;
          sum += v;
        }
      }
      if (rowOk && Math.abs(sum - 1) > GeneratorSpec.Markov.ROW_SUM_TOLERANCE) {
        problems.add(rowPath, "row must sum to 1 (got " + JsonValues.show(sum) + ")");
        rowOk = false;
      }
      ok &= rowOk;
    }
    return ok ? matrix : null;
  }

  private GeneratorSpec composite(Params p) {
    JsonNode node = p.node.get("parts");
    String path = p.path("parts");
    if (node == null || node.isNull()) {
      problems.add(path, "required for composite");
      return null;
    }
    if (!node.isArray() || node.isEmpty()) {
      problems.add(
          path, "must be a non-empty list of generators (got " + JsonValues.show(node) + ")");
      return null;
    }
    List<GeneratorSpec> parts = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < node.size(); i++) {
      String partPath = path + "[" + i + "]";
      GeneratorSpec part = parse(node.get(i), partPath, Set.of());
      if (part == null) {
        ok = false;
      } else if (!part.numeric()) {
        problems.add(
            Problems.join(partPath, "type"),
            "must be a numeric generator ("
                + part.type()
                + " here yields "
                + (part.type().equals("markov") ? "text" : "a non-number")
                + ")");
        ok = false;
      } else {
        parts.add(part);
      }
    }
    return ok ? new GeneratorSpec.Composite(parts) : null;
  }

  private GeneratorSpec counter(Params p) {
    Double start = p.optional("start", 0.0);
    Double rate = p.nonNegative(p.required("rate_per_second"), "rate_per_second");
    Double jitter = p.nonNegative(p.optional("jitter_stddev", 0.0), "jitter_stddev");
    if (start == null || rate == null || jitter == null) {
      return null;
    }
    return new GeneratorSpec.Counter(start, rate, jitter);
  }

  /** The parameters of one generator mapping. */
  private final class Params implements GeneratorParams {
    final JsonNode node;
    final String base;
    final String type;

    Params(JsonNode node, String base, String type) {
      this.node = node;
      this.base = base;
      this.type = type;
    }

    String path(String key) {
      return Problems.join(base, key);
    }

    @Override
    public Double required(String key) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        problems.add(path(key), "required for " + type);
        return null;
      }
      return problems.number(v, path(key));
    }

    /** The value, {@code fallback} when absent, or null when reported. */
    @Override
    public Double optional(String key, Double fallback) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return fallback;
      }
      return problems.number(v, path(key));
    }

    @Override
    public Double nonNegative(Double v, String key) {
      if (v != null && v < 0) {
        problems.add(path(key), "must be >= 0 (got " + v + ")");
        return null;
      }
      return v;
    }

    @Override
    public JsonNode raw(String key) {
      return node.get(key);
    }

    @Override
    public void problem(String key, String message) {
      problems.add(path(key), message);
    }
  }
}
