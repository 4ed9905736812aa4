package io.iotsim.cluster.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text exposition (version 0.0.4), for assertions. */
public record PrometheusText(List<Sample> samples) {

  public record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern LINE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)(?: \\d+)?");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  /**
   * @throws IllegalArgumentException at the first line that is neither a comment nor a sample
   */
  public static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        int end = 0;
        while (l.find() && l.start() == end) {
          labels.put(l.group(1), l.group(2));
          end = l.end();
        }
        if (end != m.group(2).length()) {
          throw new IllegalArgumentException("bad labels: " + line);
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
    return new PrometheusText(samples);
  }

  /** The value of the one sample with this name and (at least) these labels; NaN when none. */
  public double value(String name, String... labels) {
    double found = Double.NaN;
    for (Sample s : samples) {
      if (s.name().equals(name) && has(s, labels)) {
        if (!Double.isNaN(found)) {
          throw new IllegalArgumentException(
              "more than one sample " + name + " " + List.of(labels));
        }
        found = s.value();
      }
    }
    return found;
  }

  private static boolean has(Sample s, String... labels) {
    for (int i = 0; i < labels.length; i += 2) {
      if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the exposition declares the metric (# TYPE), samples or not. */
  public static boolean declares(String text, String name) {
    return text.contains("# TYPE " + name + " ");
  }
}
