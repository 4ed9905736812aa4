package io.iotsim.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.Test;

class AdminRoutesTest {

  @Test
  void readyzFollowsTheNodesReadinessAndMetricsAreTheLatestScrape() throws Exception {
    AtomicBoolean ready = new AtomicBoolean(false);
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.empty(),
            "admin-test",
            ConfigFactory.parseString(
                    "pekko.actor.provider = local\npekko.actor.serialize-messages = off")
                .withFallback(ConfigFactory.load()));
    try {
      ServerBinding b =
          Http.get(system)
              .newServerAt("127.0.0.1", 0)
              .bind(new AdminRoutes(ready::get, () -> "# TYPE sim_x gauge\nsim_x 1.0\n").route())
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      HttpClient client = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + b.localAddress().getPort();
      assertThat(get(client, base + "/healthz").statusCode()).isEqualTo(200);
      HttpResponse<String> notReady = get(client, base + "/readyz");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("not ready");
      ready.set(true);
      assertThat(get(client, base + "/readyz").statusCode()).isEqualTo(200);
      HttpResponse<String> metrics = get(client, base + "/metrics");
      assertThat(metrics.body()).isEqualTo("# TYPE sim_x gauge\nsim_x 1.0\n");
      assertThat(metrics.headers().firstValue("content-type").orElse(""))
          .isEqualTo("text/plain; version=0.0.4; charset=UTF-8");
    } finally {
      system.terminate();
    }
  }

  private static HttpResponse<String> get(HttpClient c, String url) throws Exception {
    return c.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
