package io.iotsim.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/**
 * The one call of the Kubernetes API that kubernetes-api discovery makes: {@code GET
 * /api/v1/namespaces/NS/pods?labelSelector=...} over HTTPS with the service account's bearer token.
 * Answers the given pods when the namespace, token and selector are the expected ones (as RBAC and
 * the API server would), 403 for a wrong token, and an empty list for another selector. Every
 * request is recorded for the test to check.
 */
final class FakeKubernetesApi implements AutoCloseable {

  record Request(String method, String path, String labelSelector, String authorization) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpsServer server;
  private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
  private final String namespace;
  private final String token;
  private final String selector;
  private final List<Pod> pods;

  FakeKubernetesApi(
      SelfSignedCert cert, String namespace, String token, String selector, List<Pod> pods)
      throws Exception {
    this.namespace = namespace;
    this.token = token;
    this.selector = selector;
    this.pods = List.copyOf(pods);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(cert.serverContext()));
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/", this::handle);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String query = ex.getRequestURI().getRawQuery();
      String labelSelector = null;
      if (query != null) {
        for (String kv : query.split("&")) {
          if (kv.startsWith("labelSelector=")) {
            labelSelector = URLDecoder.decode(kv.substring(14), StandardCharsets.UTF_8);
          }
        }
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      requests.add(
          new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), labelSelector, auth));
      if (!("Bearer " + token).equals(auth)) {
        send(ex, 403, "{\"kind\":\"Status\",\"reason\":\"Forbidden\"}");
        return;
      }
      if (!ex.getRequestMethod().equals("GET")
          || !ex.getRequestURI().getPath().equals("/api/v1/namespaces/" + namespace + "/pods")) {
        send(ex, 404, "{\"kind\":\"Status\",\"reason\":\"NotFound\"}");
        return;
      }
      PodList list =
          new PodListBuilder()
              .withItems(selector.equals(labelSelector) ? pods : List.of())
              .withNewMetadata()
              .withResourceVersion("1")
              .endMetadata()
              .build();
      send(ex, 200, JSON.writeValueAsString(list));
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
