package io.iotsim.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsim.http.ui.UiRoutes;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiRoutesTest {

  @Test
  void servesTheBuiltUiWithAnSpaFallback(@TempDir Path dist) throws Exception {
    Files.writeString(dist.resolve("index.html"), "<html>the app</html>");
    Files.createDirectories(dist.resolve("assets"));
    Files.writeString(dist.resolve("assets/app-1234.js"), "console.log(1)");
    Files.writeString(dist.resolve("favicon.svg"), "<svg/>");
    try (RouteServer server = new RouteServer(new UiRoutes(dist).route())) {
      HttpResponse<String> root = server.get("/");
      assertThat(root.statusCode()).isEqualTo(200);
      assertThat(root.body()).isEqualTo("<html>the app</html>");
      assertThat(root.headers().firstValue("cache-control")).hasValue("no-cache");

      HttpResponse<String> asset = server.get("/assets/app-1234.js");
      assertThat(asset.body()).isEqualTo("console.log(1)");
      assertThat(asset.headers().firstValue("content-type").orElse("")).contains("javascript");
      assertThat(asset.headers().firstValue("cache-control").orElse("")).contains("immutable");

      assertThat(server.get("/favicon.svg").body()).isEqualTo("<svg/>");
      // client-side routes load the app
      assertThat(server.get("/devices").body()).isEqualTo("<html>the app</html>");
      assertThat(server.get("/telemetry/live").body()).isEqualTo("<html>the app</html>");
      // never a file outside the directory
      assertThat(server.get("/../../etc/passwd").body()).isEqualTo("<html>the app</html>");
    }
  }

  @Test
  void withoutABuiltUiTheRootIsALandingPageAndNothingElseIsServed(@TempDir Path empty)
      throws Exception {
    UiRoutes ui = new UiRoutes(empty.resolve("dist"), null);
    assertThat(ui.built()).isFalse();
    try (RouteServer server = new RouteServer(ui.route())) {
      HttpResponse<String> root = server.get("/");
      assertThat(root.statusCode()).isEqualTo(200);
      assertThat(root.body()).contains("href=\"/docs\"").contains("/api/v1/status");
      assertThat(server.get("/devices").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void withoutADirectoryTheBuildPackedInTheJarIsServed(@TempDir Path empty) throws Exception {
    UiRoutes ui = new UiRoutes(empty.resolve("dist"), "packed-ui");
    assertThat(ui.built()).isTrue();
    try (RouteServer server = new RouteServer(ui.route())) {
      HttpResponse<String> root = server.get("/");
      assertThat(root.statusCode()).isEqualTo(200);
      assertThat(root.body()).contains("the packed app");
      assertThat(root.headers().firstValue("cache-control")).hasValue("no-cache");
      HttpResponse<String> asset = server.get("/assets/app-5678.js");
      assertThat(asset.body()).isEqualTo("console.log(2)\n");
      assertThat(asset.headers().firstValue("cache-control").orElse("")).contains("immutable");
      assertThat(server.get("/scenarios").body()).contains("the packed app");
    }
  }

  @Test
  void aDirectoryBuildWinsOverThePackedOne(@TempDir Path dist) throws Exception {
    Files.writeString(dist.resolve("index.html"), "<html>fresh build</html>");
    try (RouteServer server = new RouteServer(new UiRoutes(dist, "packed-ui").route())) {
      assertThat(server.get("/faults").body()).isEqualTo("<html>fresh build</html>");
    }
  }
}
