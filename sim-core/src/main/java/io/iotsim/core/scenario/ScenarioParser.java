package io.iotsim.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsim.core.device.BehaviourUpdate;
import io.iotsim.core.fault.FaultSpec;
import io.iotsim.core.fault.FaultType;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.ProfileException;
import io.iotsim.core.selector.Selector;
import io.iotsim.core.time.Durations;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads scenario files. Works on SnakeYAML's node tree so that every problem is reported with the
 * line it is on and its path, all at once: {@code scenarios/x.yaml line 12: steps[3].wait: must be
 * a duration like 30s, 5m, 1h (got 'soon')}.
 *
 * <pre>
 * name: ramp_up
 * description: ...
 * steps:
 *   - repeat: {times: 10, steps: [{spawn: {profile: temperature_sensor, count: 100, labels: {batch: "{i}"}}}, {wait: 3s}]}
 *   - expect: running >= 1000
 *   - fault: {selector: batch=0, type: disconnect, duration: 60s}
 *   - rollout: {selector: device_type=smart_lock, batch_size: 50, stagger: 2m, action: {fault: {type: disconnect, duration: 30s}}}
 *   - update: {selector: batch=1, telemetry_interval: 10s, set_labels: {firmware: "2.0"}}
 *   - stop: batch=9            # also pause, resume
 *   - log: done
 * </pre>
 */
public final class ScenarioParser {

  static final List<String> KEYS = List.of("name", "description", "steps");
  static final List<String> KINDS =
      List.of(
          "spawn", "stop", "pause", "resume", "fault", "update", "wait", "log", "repeat", "rollout",
          "expect");
  private static final int MAX_REPEAT = 100_000;

  private final String source;
  private final ProfileResolver profiles;
  private final List<String> problems = new ArrayList<>();

  private ScenarioParser(String source, ProfileResolver profiles) {
    this.source = source;
    this.profiles = profiles;
  }

  /** Reads and checks a scenario file; profiles are looked up next to it. */
  public static ScenarioScript load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ScenarioException(
          List.of(file + ": cannot read the scenario (" + e.getMessage() + ")"));
    }
    String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    return parse(text, file.toString(), base, ProfileResolver.near(file));
  }

  /**
   * Parses scenario text.
   *
   * @param source how messages name it (a file name, "request")
   * @param defaultName the name when the file gives none
   * @throws ScenarioException with every problem found
   */
  public static ScenarioScript parse(
      String yaml, String source, String defaultName, ProfileResolver profiles) {
    ScenarioParser parser = new ScenarioParser(source, profiles);
    try {
      return parser.read(yaml, defaultName);
    } catch (Invalid e) {
      // A top-level value (name, description) was invalid: its problem is recorded; found by
      // fuzzing (ParserFuzzTestInputs/scenarioYaml/crash-fad3b6...), where 'name:' had no value.
      throw new ScenarioException(parser.problems);
    }
  }

  private ScenarioScript read(String yaml, String defaultName) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new ScenarioException(List.of(source + " line " + line + ": " + e.getProblem()));
    } catch (RuntimeException e) {
      throw new ScenarioException(List.of(source + ": not YAML (" + e.getMessage() + ")"));
    }
    if (!(root instanceof MappingNode map)) {
      throw new ScenarioException(
          List.of(source + " line 1: (root): must be a mapping with name, description and steps"));
    }
    Map<String, Node> top = mapping(map, "");
    top.keySet().stream()
        .filter(k -> !KEYS.contains(k))
        .forEach(
            k ->
                problem(
                    top.get(k),
                    k,
                    "unknown key (expected one of " + String.join(", ", KEYS) + ")"));
    String name = top.containsKey("name") ? text(top.get("name"), "name") : defaultName;
    String description =
        top.containsKey("description") ? text(top.get("description"), "description") : "";
    List<Step> steps = new ArrayList<>();
    Node stepsNode = top.get("steps");
    if (stepsNode == null) {
      problem(map, "steps", "required (a list of steps)");
    } else {
      steps = steps(stepsNode, "steps", false);
    }
    if (name != null && !name.matches("[A-Za-z0-9_.-]+")) {
      problem(
          top.get("name"), "name", "must be letters, digits, '_', '.' or '-' (got '" + name + "')");
    }
    if (!problems.isEmpty()) {
      throw new ScenarioException(problems);
    }
    return new ScenarioScript(name, description, steps);
  }

  private List<Step> steps(Node node, String path, boolean inRepeat) {
    List<Step> out = new ArrayList<>();
    if (!(node instanceof SequenceNode seq)) {
      problem(node, path, "must be a list of steps");
      return out;
    }
    if (seq.getValue().isEmpty()) {
      problem(node, path, "must have at least one step");
    }
    for (int i = 0; i < seq.getValue().size(); i++) {
      Step s = step(seq.getValue().get(i), path + "[" + i + "]", inRepeat);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private Step step(Node node, String path, boolean inRepeat) {
    if (!(node instanceof MappingNode map) || map.getValue().size() != 1) {
      problem(
          node, path, "must be a mapping with one step kind (" + String.join(", ", KINDS) + ")");
      return null;
    }
    NodeTuple t = map.getValue().get(0);
    String kind = scalar(t.getKeyNode());
    Node v = t.getValueNode();
    int line = line(node);
    String at = path + "." + kind;
    try {
      return switch (kind == null ? "" : kind) {
        case "spawn" -> spawn(v, at, line);
        case "stop", "pause", "resume" -> new Step.Control(line, kind, selector(v, at, inRepeat));
        case "fault" -> fault(v, at, line, true, inRepeat);
        case "update" -> update(v, at, line, true, inRepeat);
        case "wait" -> new Step.Wait(line, duration(v, at, false));
        case "log" -> new Step.Log(line, text(v, at));
        case "repeat" -> repeat(v, at, line);
        case "rollout" -> rollout(v, at, line, inRepeat);
        case "expect" -> expect(v, at, line);
        default -> {
          problem(
              t.getKeyNode(),
              path,
              "unknown step '" + kind + "' (expected one of " + String.join(", ", KINDS) + ")");
          yield null;
        }
      };
    } catch (Invalid e) {
      return null;
    }
  }

  private Step spawn(Node v, String at, int line) {
    Map<String, Node> m =
        fields(v, at, List.of("profile", "count", "labels"), List.of("profile", "count"));
    String ref = text(m.get("profile"), at + ".profile");
    DeviceProfile profile = null;
    try {
      profile = profiles.resolve(ref);
    } catch (IllegalArgumentException e) {
      problem(m.get("profile"), at + ".profile", e.getMessage());
    }
    long count = integer(m.get("count"), at + ".count", 1, 10_000_000);
    Map<String, String> labels =
        m.containsKey("labels") ? labels(m.get("labels"), at + ".labels") : Map.of();
    if (profile == null) {
      throw new Invalid();
    }
    return new Step.Spawn(line, ref, profile, (int) count, labels);
  }

  private Step.Fault fault(Node v, String at, int line, boolean needsSelector, boolean inRepeat) {
    List<String> keys =
        needsSelector
            ? List.of("selector", "type", "duration", "params")
            : List.of("type", "duration", "params");
    Map<String, Node> m =
        fields(
            v,
            at,
            keys,
            needsSelector ? List.of("selector", "type", "duration") : List.of("type", "duration"));
    String selector =
        needsSelector ? selector(m.get("selector"), at + ".selector", inRepeat) : null;
    FaultType type;
    try {
      type = FaultType.parse(text(m.get("type"), at + ".type"), "type");
    } catch (IllegalArgumentException e) {
      problem(m.get("type"), at + ".type", e.getMessage().substring("type: ".length()));
      throw new Invalid();
    }
    Duration duration = duration(m.get("duration"), at + ".duration", true);
    Map<String, String> params =
        m.containsKey("params") ? labels(m.get("params"), at + ".params") : Map.of();
    try {
      FaultSpec.of(type, 0, duration, params);
    } catch (IllegalArgumentException e) {
      String msg = e.getMessage();
      int colon = msg.indexOf(": ");
      String key = msg.substring(0, colon);
      Node where =
          key.startsWith("params.") && m.containsKey("params")
              ? valueOf(m.get("params"), key.substring(7))
              : v;
      problem(where, at + "." + key, msg.substring(colon + 2));
      throw new Invalid();
    }
    return new Step.Fault(line, selector, type, duration, params);
  }

  private Step.Update update(Node v, String at, int line, boolean needsSelector, boolean inRepeat) {
    List<String> keys =
        new ArrayList<>(
            List.of("telemetry_interval", "telemetry_fields", "set_labels", "remove_labels"));
    if (needsSelector) {
      keys.add(0, "selector");
    }
    Map<String, Node> m = fields(v, at, keys, needsSelector ? List.of("selector") : List.of());
    String selector =
        needsSelector ? selector(m.get("selector"), at + ".selector", inRepeat) : null;
    Duration interval =
        m.containsKey("telemetry_interval")
            ? duration(m.get("telemetry_interval"), at + ".telemetry_interval", true)
            : null;
    JsonNode fields = m.containsKey("telemetry_fields") ? json(m.get("telemetry_fields")) : null;
    Map<String, String> set =
        m.containsKey("set_labels") ? labels(m.get("set_labels"), at + ".set_labels") : Map.of();
    List<String> remove = new ArrayList<>();
    if (m.containsKey("remove_labels")) {
      if (m.get("remove_labels") instanceof SequenceNode s) {
        s.getValue().forEach(n -> remove.add(text(n, at + ".remove_labels")));
      } else {
        problem(m.get("remove_labels"), at + ".remove_labels", "must be a list of label names");
      }
    }
    try {
      return new Step.Update(line, selector, BehaviourUpdate.of(interval, fields, set, remove, 0));
    } catch (ProfileException e) {
      for (var p : e.problems()) {
        String path = p.path().startsWith("telemetry_fields") ? p.path() : "telemetry_fields";
        problem(m.getOrDefault("telemetry_fields", v), at + "." + path, p.message());
      }
    } catch (IllegalArgumentException e) {
      problem(v, at, e.getMessage());
    }
    throw new Invalid();
  }

  private Step repeat(Node v, String at, int line) {
    Map<String, Node> m = fields(v, at, List.of("times", "steps"), List.of("times", "steps"));
    long times = integer(m.get("times"), at + ".times", 1, MAX_REPEAT);
    return new Step.Repeat(line, (int) times, steps(m.get("steps"), at + ".steps", true));
  }

  private Step rollout(Node v, String at, int line, boolean inRepeat) {
    Map<String, Node> m =
        fields(
            v,
            at,
            List.of("selector", "batch_size", "stagger", "action"),
            List.of("selector", "batch_size", "action"));
    String selector = selector(m.get("selector"), at + ".selector", inRepeat);
    long size = integer(m.get("batch_size"), at + ".batch_size", 1, 10_000_000);
    Duration stagger =
        m.containsKey("stagger")
            ? duration(m.get("stagger"), at + ".stagger", false)
            : Duration.ZERO;
    Node a = m.get("action");
    if (!(a instanceof MappingNode am) || am.getValue().size() != 1) {
      problem(
          a,
          at + ".action",
          "must be one fault or update (without a selector: each batch is the selector)");
      throw new Invalid();
    }
    String kind = scalar(am.getValue().get(0).getKeyNode());
    Node body = am.getValue().get(0).getValueNode();
    Step action;
    if ("fault".equals(kind)) {
      action = fault(body, at + ".action.fault", line(a), false, inRepeat);
    } else if ("update".equals(kind)) {
      action = update(body, at + ".action.update", line(a), false, inRepeat);
    } else {
      problem(a, at + ".action", "must be fault or update (got '" + kind + "')");
      throw new Invalid();
    }
    return new Step.Rollout(line, selector, (int) size, stagger, action);
  }

  private Step expect(Node v, String at, int line) {
    try {
      return new Step.Expect(line, Condition.parse(text(v, at)));
    } catch (IllegalArgumentException e) {
      problem(v, at, e.getMessage());
      throw new Invalid();
    }
  }

  // ---- values ----

  /** Thrown after a problem has been recorded, to skip the rest of a step. */
  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid() {
      super(null, null, false, false);
    }
  }

  private Map<String, Node> fields(Node v, String at, List<String> allowed, List<String> required) {
    if (!(v instanceof MappingNode map)) {
      problem(v, at, "must be a mapping of " + String.join(", ", allowed));
      throw new Invalid();
    }
    Map<String, Node> m = mapping(map, at);
    boolean bad = false;
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        problem(
            m.get(k),
            at + "." + k,
            "unknown key (expected one of " + String.join(", ", allowed) + ")");
        bad = true;
      }
    }
    for (String k : required) {
      if (!m.containsKey(k)) {
        problem(v, at + "." + k, "required");
        bad = true;
      }
    }
    if (bad) {
      throw new Invalid();
    }
    return m;
  }

  private Map<String, Node> mapping(MappingNode map, String at) {
    Map<String, Node> m = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      String k = scalar(t.getKeyNode());
      if (k == null) {
        problem(t.getKeyNode(), at, "keys must be plain text");
      } else if (m.containsKey(k)) {
        problem(t.getKeyNode(), at.isEmpty() ? k : at + "." + k, "duplicate key");
      } else {
        m.put(k, t.getValueNode());
      }
    }
    return m;
  }

  private Node valueOf(Node map, String key) {
    if (map instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (key.equals(scalar(t.getKeyNode()))) {
          return t.getValueNode();
        }
      }
    }
    return map;
  }

  private String selector(Node v, String at, boolean inRepeat) {
    Node n = v;
    if (v instanceof MappingNode) {
      n = fields(v, at, List.of("selector"), List.of("selector")).get("selector");
      at = at + ".selector";
    }
    String expr = text(n, at);
    try {
      Selector.parse(expr.replace("{i}", "0"));
    } catch (IllegalArgumentException e) {
      problem(n, at, e.getMessage());
      throw new Invalid();
    }
    if (!inRepeat && expr.contains("{i}")) {
      problem(n, at, "{i} is only known inside a repeat");
      throw new Invalid();
    }
    return expr;
  }

  private Duration duration(Node v, String at, boolean positive) {
    String s = text(v, at);
    try {
      Duration d = Durations.parse(s);
      if (positive && d.isZero()) {
        throw new IllegalArgumentException("must be > 0");
      }
      return d;
    } catch (IllegalArgumentException e) {
      boolean range = e.getMessage().startsWith("must be between");
      problem(
          v,
          at,
          range
              ? e.getMessage()
              : "must be a duration like 30s, 5m, 1h or 1h30m (got '" + s + "')");
      throw new Invalid();
    }
  }

  private long integer(Node v, String at, long min, long max) {
    String s = text(v, at);
    try {
      long n = Long.parseLong(s.strip().replace("_", ""));
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      problem(v, at, "must be a whole number from " + min + " to " + max + " (got '" + s + "')");
      throw new Invalid();
    }
  }

  private Map<String, String> labels(Node v, String at) {
    if (!(v instanceof MappingNode map)) {
      problem(v, at, "must be a mapping of names to values");
      throw new Invalid();
    }
    Map<String, String> out = new LinkedHashMap<>();
    mapping(map, at).forEach((k, n) -> out.put(k, text(n, at + "." + k)));
    return out;
  }

  private String text(Node v, String at) {
    String s = scalar(v);
    if (s == null) {
      problem(v, at, "must be a single value (text or number)");
      throw new Invalid();
    }
    return s;
  }

  private static String scalar(Node n) {
    return n instanceof ScalarNode s ? s.getValue() : null;
  }

  private static JsonNode json(Node n) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (n instanceof MappingNode m) {
      ObjectNode o = f.objectNode();
      for (NodeTuple t : m.getValue()) {
        o.set(String.valueOf(scalar(t.getKeyNode())), json(t.getValueNode()));
      }
      return o;
    }
    if (n instanceof SequenceNode s) {
      var a = f.arrayNode();
      s.getValue().forEach(x -> a.add(json(x)));
      return a;
    }
    ScalarNode s = (ScalarNode) n;
    Tag tag = s.getTag();
    String v = s.getValue();
    try {
      if (Tag.INT.equals(tag)) {
        return f.numberNode(Long.parseLong(v.replace("_", "")));
      }
      if (Tag.FLOAT.equals(tag)) {
        return f.numberNode(Double.parseDouble(v.replace("_", "")));
      }
    } catch (NumberFormatException e) {
      return f.textNode(v);
    }
    if (Tag.BOOL.equals(tag)) {
      return f.booleanNode(Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT)));
    }
    if (Tag.NULL.equals(tag)) {
      return f.nullNode();
    }
    return f.textNode(v);
  }

  private static int line(Node n) {
    return n == null || n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
  }

  private void problem(Node at, String path, String message) {
    problems.add(source + " line " + line(at) + ": " + path + ": " + message);
  }
}
