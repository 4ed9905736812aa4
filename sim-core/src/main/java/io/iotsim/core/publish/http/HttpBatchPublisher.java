package io.iotsim.core.publish.http;

import io.iotsim.core.publish.QueuedReading;
import io.iotsim.core.publish.QueueingPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
import org.apache.pekko.japi.Pair;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * POSTs readings as JSON arrays through Pekko HTTP's pooled client. A bounded stream does the work:
 * devices offer into a {@link BoundedSourceQueue} (non-blocking; a full queue drops the new
 * reading, counted), {@code groupedWithin(batch-size, linger)} forms batches, and at most {@code
 * parallelism} batches are in flight, each retried with backoff on 5xx, timeouts and connection
 * errors. A 4xx is the endpoint refusing the data: counted as errors, not retried.
 */
final class HttpBatchPublisher extends QueueingPublisher {

  private final HttpSettings settings;
  private final ActorSystem<?> system;
  private final Http http;
  private final ConnectionPoolSettings pool;
  private final List<HttpHeader> headers;
  private final BoundedSourceQueue<QueuedReading> queue;
  private final CompletionStage<Done> done;
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
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
    Pair<BoundedSourceQueue<QueuedReading>, CompletionStage<Done>> stream =
        Source.<QueuedReading>queue(settings.queueSize())
            .groupedWithin(settings.batchSize(), settings.linger())
            .mapAsyncUnordered(settings.parallelism(), batch -> send(batch, 0))
            .toMat(Sink.ignore(), Keep.both())
            .run(Materializer.matFromSystem(system));
    this.queue = stream.first();
    this.done = stream.second();
    stats.queueDepth(() -> queue.size() + inFlight.get());
  }

  @Override
  protected boolean enqueue(QueuedReading reading) {
    QueueOfferResult result = queue.offer(reading);
    if (result != QueueOfferResult.enqueued()) {
      stats.dropped();
      return false;
    }
    return true;
  }

  @Override
  public long room() {
    return Math.max(0, settings.queueSize() - (long) queue.size() - inFlight.get());
  }

  @Override
  public double queueFill() {
    return Math.min(1.0, (double) queue.size() / settings.queueSize());
  }

  /** Batches sent again after a 5xx, a timeout or a connection error. */
  long retryCount() {
    return retries.get();
  }

  @Override
  public void close() {
    stopTaking();
    queue.complete();
    try {
      done.toCompletableFuture().get(settings.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // what is still queued or in flight after the drain timeout is abandoned
      abandoned = true;
    }
  }

  /** Sends one batch; completes (never exceptionally) once it was delivered or given up. */
  private CompletionStage<Done> send(List<QueuedReading> batch, int attempt) {
    if (attempt == 0) {
      inFlight.addAndGet(batch.size());
    }
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
