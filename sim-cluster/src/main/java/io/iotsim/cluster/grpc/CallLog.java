package io.iotsim.cluster.grpc;

import io.iotsim.cluster.metrics.GrpcMetrics;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.japi.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the node's gRPC handler: every call gets a request id (the caller's {@code x-request-id}
 * header, or a new one), is logged with its method, status and duration, and is counted in {@link
 * GrpcMetrics}; a failed call's description ends with the request id, so a user can find the node's
 * log line from the error they saw. Works on the HTTP/2 exchange rather than on the generated
 * services, so the services stay free of transport concerns.
 *
 * <p>The status is read from the response headers: a failed unary call (and a stream refused before
 * its first message) answers "trailers only", with {@code grpc-status} there; otherwise the call is
 * logged as OK when its response starts (for a stream: when it opens).
 */
final class CallLog {

  static final String REQUEST_ID = "x-request-id";

  private static final Logger log = LoggerFactory.getLogger("io.iotsim.grpc.calls");
  // What we accept as a caller's id: short and printable, so it is safe in a log line and a header.
  private static final Pattern ACCEPTED_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private CallLog() {}

  static Function<HttpRequest, CompletionStage<HttpResponse>> wrap(
      Function<HttpRequest, CompletionStage<HttpResponse>> handler, GrpcMetrics metrics) {
    return request -> {
      long start = System.nanoTime();
      String id = requestId(request);
      String method = request.getUri().path();
      method = method.startsWith("/simulator.v1.") ? method.substring(14) : method;
      String m = method;
      return handler
          .apply(request)
          .thenApply(
              response -> {
                long nanos = System.nanoTime() - start;
                String status =
                    header(response, "grpc-status").map(CallLog::statusName).orElse("OK");
                metrics.record(m, status, nanos);
                if ("OK".equals(status)) {
                  log.info("grpc {} {} {} in {} ms", m, status, kv(id), ms(nanos));
                  return response.addHeader(RawHeader.create(REQUEST_ID, id));
                }
                String description = header(response, "grpc-message").orElse("");
                log.warn("grpc {} {} {} in {} ms: {}", m, status, kv(id), ms(nanos), description);
                return response
                    .removeHeader("grpc-message")
                    .addHeader(
                        RawHeader.create("grpc-message", description + " [request-id " + id + "]"))
                    .addHeader(RawHeader.create(REQUEST_ID, id));
              });
    };
  }

  private static String ms(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
  }

  private static String kv(String id) {
    return "request-id=" + id;
  }

  static String requestId(HttpRequest request) {
    return header(request.getHeaders(), REQUEST_ID)
        .filter(v -> ACCEPTED_ID.matcher(v).matches())
        .orElseGet(() -> UUID.randomUUID().toString());
  }

  private static Optional<String> header(HttpResponse response, String name) {
    return header(response.getHeaders(), name);
  }

  private static Optional<String> header(Iterable<HttpHeader> headers, String name) {
    for (HttpHeader h : headers) {
      if (h.is(name)) {
        return Optional.of(h.value());
      }
    }
    return Optional.empty();
  }

  private static String statusName(String code) {
    try {
      return io.grpc.Status.fromCodeValue(Integer.parseInt(code.trim())).getCode().name();
    } catch (NumberFormatException e) {
      return "UNKNOWN";
    }
  }
}
