package io.iotsim.cluster.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import kamon.Kamon;
import kamon.metric.Distribution;
import kamon.metric.Histogram;
import kamon.metric.Instrument;
import org.junit.jupiter.api.Test;

class LatencyFeedTest {

  private static org.HdrHistogram.Histogram micros(long... values) {
    org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3_600_000_000L, 3);
    for (long v : values) {
      h.recordValue(v);
    }
    return h;
  }

  @Test
  void theIntervalIsWhatTheCumulativeHistogramGainedSinceTheLastSample() {
    org.HdrHistogram.Histogram before = micros(1_000, 2_000);
    org.HdrHistogram.Histogram now = micros(1_000, 2_000, 50_000, 50_000);
    org.HdrHistogram.Histogram delta = LatencyFeed.interval(now, before);
    assertThat(delta.getTotalCount()).isEqualTo(2);
    assertThat(delta.getMinValue()).isGreaterThanOrEqualTo(49_000);
    assertThat(LatencyFeed.interval(now, null).getTotalCount()).isEqualTo(4);
  }

  @Test
  void samplesAreSharedOutByWeightInNanoseconds() {
    List<Histogram> targets = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      targets.add(Kamon.histogram("test_latency_feed").withTag("i", (long) i));
    }
    long[] values = new long[4000];
    for (int i = 0; i < values.length; i++) {
      values[i] = 100 + (i % 40) * 100; // 0.1 ms .. 4 ms
    }
    LatencyFeed.record(micros(values), targets, new long[] {1, 3});

    Distribution first = snapshot(targets.get(0));
    Distribution second = snapshot(targets.get(1));
    assertThat(first.count() + second.count()).isBetween(3998L, 4000L);
    assertThat(first.count()).isBetween(990L, 1010L);
    assertThat(second.min()).isGreaterThanOrEqualTo(99_000L);
    assertThat(second.max()).isLessThanOrEqualTo(4_010_000L);
    targets.forEach(Instrument::remove);
  }

  /** What Kamon would report for the instrument now (and resets it, like a tick). */
  private static Distribution snapshot(Histogram h) {
    return ((kamon.metric.Instrument.Snapshotting<Distribution>) h).snapshot(true);
  }
}
