package io.iotsim.core.publish.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * An in-process ingestion endpoint: answers each POST with the status {@code statusOfRequest} picks
 * for the request's number, and records the batches it accepted (2xx) with their headers.
 */
final class TelemetrySink implements AutoCloseable {

  record Batch(List<JsonNode> readings, String authorization) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Queue<Batch> accepted = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger readingsSeen = new AtomicInteger();
  private final ServerBinding binding;

  TelemetrySink(ActorSystem<?> system, IntFunction<Integer> statusOfRequest) throws Exception {
    this.binding =
        Http.get(system)
            .newServerAt("127.0.0.1", 0)
            .bind(
                (org.apache.pekko.japi.function.Function<
                        HttpRequest, CompletionStage<HttpResponse>>)
                    request -> handle(system, request, statusOfRequest))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  String endpoint() {
    return "http://127.0.0.1:" + binding.localAddress().getPort() + "/telemetry";
  }

  List<Batch> accepted() {
    return List.copyOf(accepted);
  }

  int requests() {
    return requests.get();
  }

  /** Readings in all requests, accepted or not. */
  int readingsSeen() {
    return readingsSeen.get();
  }

  private CompletionStage<HttpResponse> handle(
      ActorSystem<?> system, HttpRequest request, IntFunction<Integer> statusOfRequest) {
    int number = requests.incrementAndGet();
    int status = statusOfRequest.apply(number);
    String authorization = request.getHeader("Authorization").map(h -> h.value()).orElse(null);
    return request
        .entity()
        .toStrict(5000, system)
        .thenApply(
            strict -> {
              readingsSeen.addAndGet(readArray(strict.getData().toArray()).size());
              if (status >= 200 && status < 300) {
                try {
                  List<JsonNode> readings = new ArrayList<>();
                  readArray(strict.getData().toArray()).elements().forEachRemaining(readings::add);
                  accepted.add(new Batch(readings, authorization));
                } catch (RuntimeException e) {
                  return HttpResponse.create().withStatus(StatusCodes.BAD_REQUEST);
                }
              }
              return HttpResponse.create().withStatus(status);
            });
  }

  private static JsonNode readArray(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (!node.isArray()) {
        throw new IllegalArgumentException("not a JSON array");
      }
      return node;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public void close() throws Exception {
    binding.unbind().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
