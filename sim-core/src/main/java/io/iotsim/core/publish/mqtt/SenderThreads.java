package io.iotsim.core.publish.mqtt;

import io.iotsim.core.publish.DaemonThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The few daemon threads that move queued messages into MQTT clients (never blocking). */
final class SenderThreads {

  private SenderThreads() {}

  static ExecutorService create(String name, int threads) {
    AtomicInteger counter = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads, task -> DaemonThreads.named(name + "-" + counter.incrementAndGet(), task));
  }
}
