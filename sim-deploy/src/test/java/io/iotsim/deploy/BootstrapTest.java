package io.iotsim.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes join path for real, short of Kubernetes: a fake API server (HTTPS on 127.0.0.1, a
 * certificate made here) lists three pods built from the rendered dev overlay's Deployment (its
 * labels, container ports, environment), and three node processes on 127.0.0.1, 127.0.0.2 and
 * 127.0.0.3, configured with that Deployment's environment, find each other through kubernetes-api
 * discovery, form one cluster through Cluster Bootstrap, and report ready on their management
 * endpoints.
 */
class BootstrapTest {

  private static final List<String> IPS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
  void threePodsFormOneClusterThroughKubernetesApiDiscovery(@TempDir Path dir) throws Exception {
    for (String ip : IPS) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(ip))) {
        assertThat(s.getLocalPort()).as(ip + " is bindable").isPositive();
      }
    }
    Deployment deployment = KustomizeManifestsTest.render("k8s/overlays/dev").one(Deployment.class);
    PodTemplateSpec template = deployment.getSpec().getTemplate();
    Container container = template.getSpec().getContainers().get(0);
    Map<String, String> deployed = plainEnv(container);
    String namespace = deployment.getMetadata().getNamespace();
    String selector = "app=" + deployed.get("IOT_SIM_BOOTSTRAP_SERVICE_NAME");
    int management = portFreeOnAll();

    // the pods as the API server would list them: the Deployment's template, running, with an IP
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < IPS.size(); i++) {
      Pod pod =
          new PodBuilder()
              .withNewMetadata()
              .withName(deployment.getMetadata().getName() + "-7d4b9c-" + (i + 1))
              .withNamespace(namespace)
              .withLabels(template.getMetadata().getLabels())
              .endMetadata()
              .withSpec(template.getSpec())
              .withNewStatus()
              .withPhase("Running")
              .withPodIP(IPS.get(i))
              .endStatus()
              .build();
      // a shared fixed port cannot be had on a shared machine: the test's own, same on all three
      pod.getSpec().getContainers().get(0).getPorts().stream()
          .filter(p -> "management".equals(p.getName()))
          .forEach(p -> p.setContainerPort(management));
      pods.add(new PodBuilder(pod).build());
    }
    assertThat(pods.get(0).getSpec().getContainers().get(0).getPorts())
        .extracting(ContainerPort::getName)
        .contains(deployed.get("IOT_SIM_BOOTSTRAP_PORT_NAME"));

    // what a pod finds in /var/run/secrets/kubernetes.io/serviceaccount
    SelfSignedCert cert = SelfSignedCert.create(dir);
    String token = "token-" + Long.toHexString(System.nanoTime());
    Path tokenFile = Files.writeString(dir.resolve("token"), token);
    Path namespaceFile = Files.writeString(dir.resolve("namespace"), namespace);
    Path config =
        Files.writeString(
            dir.resolve("pod.conf"),
            "pekko.discovery.kubernetes-api {\n"
                + "  api-ca-path = \""
                + cert.certificatePem()
                + "\"\n"
                + "  api-token-path = \""
                + tokenFile
                + "\"\n"
                + "  pod-namespace-path = \""
                + namespaceFile
                + "\"\n"
                + "}\n");

    List<NodeProcess> nodes = new ArrayList<>();
    try (FakeKubernetesApi api = new FakeKubernetesApi(cert, namespace, token, selector, pods)) {
      for (String ip : IPS) {
        Map<String, String> env = new LinkedHashMap<>();
        deployed.forEach((k, v) -> env.put(k, v.replace("$(POD_IP)", ip)));
        env.put("KUBERNETES_SERVICE_HOST", "127.0.0.1");
        env.put("KUBERNETES_SERVICE_PORT", "" + api.port());
        // the image binds every interface; three nodes on one machine bind their own address
        env.put("IOT_SIM_GRPC_HOST", ip);
        env.put("IOT_SIM_HTTP_HOST", ip);
        env.put("IOT_SIM_MANAGEMENT_PORT", "" + management);
        env.put("IOT_SIM_GRPC_PORT", "0");
        env.put("IOT_SIM_HTTP_PORT", "0");
        env.put("IOT_SIM_REMOTE_PORT", "0");
        nodes.add(
            NodeProcess.start(
                "node-" + ip,
                dir,
                env,
                List.of("--config", config.toString(), "--output", "null")));
      }
      try {
        await()
            .atMost(Duration.ofMinutes(4))
            .pollInterval(Duration.ofSeconds(1))
            .untilAsserted(
                () -> {
                  for (NodeProcess n : nodes) {
                    assertThat(n.alive()).as(n.output()).isTrue();
                  }
                  for (String ip : IPS) {
                    assertThat(NodeProcess.status(url(ip, management, "/ready")))
                        .as(ip + " ready")
                        .isEqualTo(200);
                  }
                });

        // one cluster: every node sees the same three members, all Up
        for (String ip : IPS) {
          JsonNode members =
              JSON.readTree(NodeProcess.get(url(ip, management, "/cluster/members")));
          Set<String> hosts = new TreeSet<>();
          for (JsonNode m : members.path("members")) {
            assertThat(m.path("status").asText()).as(members.toString()).isEqualTo("Up");
            hosts.add(m.path("node").asText().replaceAll("^pekko://iot-sim@([0-9.]+):\\d+$", "$1"));
          }
          assertThat(hosts).as(members.toString()).containsExactlyElementsOf(IPS);
          assertThat(members.path("unreachable")).isEmpty();
          assertThat(NodeProcess.status(url(ip, management, "/alive"))).isEqualTo(200);
        }

        // they found each other through the API, asking as the Deployment's RBAC allows
        List<FakeKubernetesApi.Request> asked = api.requests();
        assertThat(asked).isNotEmpty();
        assertThat(asked)
            .allSatisfy(
                r -> {
                  assertThat(r.method()).isEqualTo("GET");
                  assertThat(r.path()).isEqualTo("/api/v1/namespaces/" + namespace + "/pods");
                  assertThat(r.labelSelector()).isEqualTo(selector);
                  assertThat(r.authorization()).isEqualTo("Bearer " + token);
                });
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage()
                + "\n"
                + nodes.stream().map(NodeProcess::output).collect(Collectors.joining("\n")),
            e);
      }
    } finally {
      for (NodeProcess n : nodes) {
        n.close();
      }
    }
  }

  /** The Deployment's environment variables with a plain value (the pod IP stays a reference). */
  private static Map<String, String> plainEnv(Container c) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar e : c.getEnv()) {
      if (e.getValue() != null) {
        env.put(e.getName(), e.getValue());
      }
    }
    return env;
  }

  private static String url(String ip, int port, String path) {
    return "http://" + ip + ":" + port + path;
  }

  /** A port free on all three addresses: the pods' shared management port. */
  private static int portFreeOnAll() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(IPS.get(0)))) {
        port = s.getLocalPort();
      }
      if (IPS.stream().allMatch(ip -> bindable(ip, port))) {
        return port;
      }
    }
    throw new IllegalStateException("no port free on all of " + IPS);
  }

  private static boolean bindable(String ip, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
