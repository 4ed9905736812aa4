package io.iotsim.core.publish.http;

import io.iotsim.core.publish.DaemonThreads;
import io.iotsim.core.publish.PublisherStats;
import io.iotsim.core.publish.QueuedReading;
import io.iotsim.core.publish.QueueingPublisher;
import io.iotsim.core.publish.SendQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.settings.ConnectionPoolSettings;
import org.apache.pekko.pattern.Patterns;

/**
 * POSTs readings as JSON arrays through Pekko HTTP's pooled client. Devices offer into the shared
 * bounded {@link SendQueue} (non-blocking; when full the oldest reading is dropped and counted, or
 * at speed max held over the bound, since the scheduler then releases simulated time only as fast
 * as {@link #room()} allows). One batcher thread forms batches of up to {@code batch-size}, leaving
 * when full or when their first reading waited {@code linger}, and keeps at most {@code
 * parallelism} batches out, each retried with backoff on 5xx, timeouts and connection errors. A 4xx
 * is the endpoint refusing the data: counted as errors, not retried.
 */
final class HttpBatchPublisher extends QueueingPublisher {

  private final HttpSettings settings;
  private final ActorSystem<?> system;
  private final Http http;
  private final ConnectionPoolSettings pool;
  private final List<HttpHeader> headers;
  private final SendQueue queue;
  private final Semaphore batchesOut;
  private final Thread batcher;
  // readings taken from the queue and not yet settled (being batched, sent or retried)
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private volatile boolean stopping;
  private volatile boolean abandoned;

  HttpBatchPublisher(HttpSettings settings, ActorSystem<?> system) {
    super("http");
    if (system == null) {
      throw new IllegalArgumentException("the http publisher needs the node's actor system");
    }
    this.settings = settings;
    this.system = system;
    this.http = Http.get(system);
    // The pool never retries on its own (POST is not idempotent); retries are ours, with backoff.
    this.pool =
        ConnectionPoolSettings.create(system.classicSystem())
            .withMaxConnections(settings.maxConnections())
            .withMaxOpenRequests(Integer.highestOneBit(settings.parallelism() * 2 - 1) * 2)
            .withMaxRetries(0);
    this.headers = headers(settings);
    this.queue = new SendQueue(settings.queueSize(), stats);
    this.batchesOut = new Semaphore(settings.parallelism());
    stats.queueDepth(() -> queue.size() + inFlight.get());
    this.batcher = DaemonThreads.named("iot-sim-http-batcher", this::batchLoop);
    batcher.start();
  }

  @Override
  protected boolean enqueue(QueuedReading reading) {
    queue.offer(reading, holdWhenFull());
    return true;
  }

  @Override
  public long room() {
    return queue.room((int) Math.min(Integer.MAX_VALUE, inFlight.get()));
  }

  @Override
  public double queueFill() {
    return queue.fill(0);
  }

  /** Batches sent again after a 5xx, a timeout or a connection error. */
  long retryCount() {
    return retries.get();
  }

  @Override
  public void close() {
    stopTakingAndDrain(settings.drainTimeout(), () -> queue.isEmpty() && inFlight.get() == 0);
    // what is still in flight after the drain timeout is abandoned: no more retries
    abandoned = true;
    stopping = true;
    try {
      batcher.join(settings.linger().toMillis() + 1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    batcher.interrupt();
    queue.dropRemaining();
  }

  /** The batcher thread: forms batches and sends them while fewer than parallelism are out. */
  private void batchLoop() {
    List<QueuedReading> batch = new ArrayList<>(settings.batchSize());
    try {
      while (!stopping) {
        if (!batchesOut.tryAcquire(100, TimeUnit.MILLISECONDS)) {
          continue;
        }
        if (!fill(batch)) {
          batchesOut.release();
          continue;
        }
        List<QueuedReading> out = List.copyOf(batch);
        batch.clear();
        sendFirst(out).whenComplete((done, error) -> batchesOut.release());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (int i = 0; i < batch.size(); i++) {
      inFlight.decrementAndGet();
      stats.dropped(PublisherStats.DropReason.SHUTDOWN);
    }
  }

  /**
   * Takes the next batch into {@code batch}: waits a while for a first reading, then for more until
   * the batch is full or the first waited {@code linger}.
   *
   * @return false when no reading came
   */
  private boolean fill(List<QueuedReading> batch) throws InterruptedException {
    QueuedReading first = queue.poll(100, TimeUnit.MILLISECONDS);
    if (first == null) {
      return false;
    }
    inFlight.incrementAndGet();
    batch.add(first);
    long deadline = System.nanoTime() + settings.linger().toNanos();
    while (batch.size() < settings.batchSize()) {
      inFlight.addAndGet(queue.drainTo(batch, settings.batchSize() - batch.size()));
      long left = deadline - System.nanoTime();
      if (batch.size() >= settings.batchSize() || left <= 0) {
        break;
      }
      QueuedReading next = queue.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        break;
      }
      inFlight.incrementAndGet();
      batch.add(next);
    }
    return true;
  }

  /** Sends a new batch; a request that cannot even be built counts its readings as errors. */
  private CompletionStage<Done> sendFirst(List<QueuedReading> batch) {
    try {
      return send(batch, 0);
    } catch (RuntimeException e) {
      return settle(batch, settings.maxRetries(), Outcome.REJECTED);
    }
  }

  /** Sends one batch; completes (never exceptionally) once it was delivered or given up. */
  private CompletionStage<Done> send(List<QueuedReading> batch, int attempt) {
    HttpRequest request =
        HttpRequest.POST(settings.endpoint().toString())
            .addHeaders(headers)
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, JsonBatch.join(batch)));
    CompletableFuture<HttpResponse> response =
        http.singleRequest(
                request, http.defaultClientHttpsContext(), pool, system.classicSystem().log())
            .toCompletableFuture();
    return response
        .thenApply(HttpBatchPublisher::outcomeOf)
        .orTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(error -> Outcome.RETRY) // timeout or connection error
        .whenComplete(
            (outcome, error) ->
                // A response after our timeout still holds a pooled connection until read.
                response.thenAccept(r -> r.discardEntityBytes(system)))
        .thenCompose(outcome -> settle(batch, attempt, outcome));
  }

  private CompletionStage<Done> settle(List<QueuedReading> batch, int attempt, Outcome outcome) {
    if (outcome == Outcome.RETRY && attempt < settings.maxRetries() && !abandoned) {
      retries.incrementAndGet();
      Duration delay = Duration.ofMillis(settings.retryDelayMillis(attempt + 1));
      return Patterns.after(
          delay,
          system.classicSystem().scheduler(),
          system.executionContext(),
          () -> send(batch, attempt + 1));
    }
    inFlight.addAndGet(-batch.size());
    if (outcome == Outcome.OK) {
      long now = System.nanoTime();
      for (QueuedReading message : batch) {
        stats.acknowledged();
        stats.sentOk(message.deviceType(), now - message.handedOverNanos());
      }
    } else {
      batch.forEach(message -> stats.sentError(message.deviceType()));
    }
    return CompletableFuture.completedFuture(Done.getInstance());
  }

  private enum Outcome {
    OK,
    RETRY,
    REJECTED
  }

  private static Outcome outcomeOf(HttpResponse response) {
    int status = response.status().intValue();
    if (status >= 200 && status < 300) {
      return Outcome.OK;
    }
    return status >= 500 ? Outcome.RETRY : Outcome.REJECTED;
  }

  private static List<HttpHeader> headers(HttpSettings settings) {
    List<HttpHeader> headers = new ArrayList<>();
    settings.headers().forEach((name, value) -> headers.add(RawHeader.create(name, value)));
    if (!settings.token().isEmpty()) {
      headers.add(RawHeader.create("Authorization", "Bearer " + settings.token()));
    }
    return List.copyOf(headers);
  }
}
