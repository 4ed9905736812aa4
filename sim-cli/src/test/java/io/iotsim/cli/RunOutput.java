package io.iotsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process {@code iot-sim run} with its summary captured, and the summary's delivery and
 * verify lines read back as numbers.
 */
record RunOutput(int exitCode, String out, String err) {

  private static final Pattern VERIFY_LINE =
      Pattern.compile(
          "verify: expected ([\\d,]+), delivered ([\\d,]+), missing ([\\d,]+), duplicated"
              + " ([\\d,]+), out of order ([\\d,]+) .*p99 ([\\d.]+) ms");

  /** Runs the command with stdout captured (the summary goes there). */
  static synchronized RunOutput of(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      CliRun r = CliRun.of(args);
      return new RunOutput(r.exitCode(), captured.toString(StandardCharsets.UTF_8), r.err());
    } finally {
      System.setOut(original);
    }
  }

  /**
   * The {@code protocol} delivery line: groups 1 generated, 2 published, 3 dropped, 4 queue_full, 5
   * disconnected, 6 error, 7 shutdown, 8 in flight.
   */
  Matcher delivery(String protocol) {
    return find(
        Pattern.compile(
            protocol
                + ": generated ([\\d,]+) = published ([\\d,]+) \\+ dropped ([\\d,]+) \\(queue_full"
                + " ([\\d,]+), disconnected ([\\d,]+), error ([\\d,]+), shutdown ([\\d,]+)\\) \\+"
                + " in flight ([\\d,]+)"));
  }

  /**
   * The verify line: groups 1 expected, 2 delivered, 3 missing, 4 duplicated, 5 out of order, 6 p99
   * ms.
   */
  Matcher verify() {
    return find(VERIFY_LINE);
  }

  static long n(Matcher m, int group) {
    return Long.parseLong(m.group(group).replace(",", ""));
  }

  private Matcher find(Pattern p) {
    Matcher m = p.matcher(out);
    assertThat(m.find()).as("a line matching %s in:%n%s%s", p, out, err).isTrue();
    return m;
  }
}
