package io.iotsim.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The real-speed benchmark, run small: its report and the live-heap count it rests on. */
class BenchCommandTest {

  @Test
  void reportsLiveHeapPerDeviceTheSpawnsWorkTheRateAndNothingDropped() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, UTF_8));
    CliRun run;
    try {
      run =
          CliRun.of(
              "bench",
              "--devices",
              "20000",
              "--interval",
              "1s",
              "--duration",
              "3s",
              "--warmup",
              "2s",
              "--profile",
              "../profiles/temperature_sensor.yaml");
    } finally {
      System.setOut(stdout);
    }
    String report = out.toString(UTF_8);
    assertThat(run.exitCode()).as(run.err()).isZero();
    Matcher heap = Pattern.compile("heap per device +([\\d,]+) B \\(live objects").matcher(report);
    assertThat(heap.find()).as(report).isTrue();
    // about a kilobyte: 20 MB of devices stand well clear of what else moves between the counts
    assertThat(Long.parseLong(heap.group(1).replace(",", ""))).as(report).isBetween(400L, 8_000L);
    Matcher spawn =
        Pattern.compile("spawn .*; CPU ([\\d.]+) s, allocated ([\\d,]+) B per device\\)")
            .matcher(report);
    assertThat(spawn.find()).as(report).isTrue();
    assertThat(Double.parseDouble(spawn.group(1))).as(report).isPositive();
    // what a device keeps and the garbage of making it: more than it keeps, not megabytes
    assertThat(Long.parseLong(spawn.group(2).replace(",", "")))
        .as(report)
        .isBetween(400L, 100_000L);
    assertThat(report).contains("readings/s").contains("tick lateness").contains("GC pauses");
    assertThat(report).contains("dropped          0 publish, 0 device errors");
  }

  @Test
  void theLiveHeapIsTheHistogramsTotal() {
    String histogram =
        """
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:          1000          64000  [B (java.base)
        Total          1234        5678901
        """;
    assertThat(LiveHeap.total(histogram)).isEqualTo(5_678_901L);
    assertThatThrownBy(() -> LiveHeap.total("   1:   1   16  [B"))
        .hasMessageContaining("without its total");
    assertThat(LiveHeap.bytes()).isPositive();
  }
}
