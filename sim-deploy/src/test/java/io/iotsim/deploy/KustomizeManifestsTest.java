package io.iotsim.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.iotsim.cluster.node.NodeConfig;
import io.iotsim.core.scenario.ScenarioParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every overlay of k8s/ renders with {@code kubectl kustomize}, every rendered document parses into
 * the typed Kubernetes model with no unknown field, and the pieces agree: with each other (labels,
 * selectors, port names, probes, RBAC, the ServiceMonitor) and with the node's own configuration
 * (its reference.conf ports, health paths, environment variables and discovery selector).
 */
class KustomizeManifestsTest {

  /** The node's configuration as it ships (defaults only). */
  private static final Config NODE = NodeConfig.load(ConfigFactory.empty());

  /** What an overlay renders to, parsed. */
  record Rendered(List<JsonNode> docs, List<HasMetadata> typed, List<ServiceMonitor> monitors) {

    <T extends HasMetadata> List<T> all(Class<T> type) {
      return typed.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type) {
      List<T> found = all(type);
      assertThat(found).as(type.getSimpleName()).hasSize(1);
      return found.get(0);
    }
  }

  static Rendered render(String dir) throws Exception {
    List<JsonNode> docs = StrictModel.documents(Repo.kustomize(dir));
    List<HasMetadata> typed = new ArrayList<>();
    List<ServiceMonitor> monitors = new ArrayList<>();
    for (JsonNode doc : docs) {
      if (doc.path("kind").asText().equals("ServiceMonitor")) {
        monitors.add(StrictModel.YAML.convertValue(doc, ServiceMonitor.class));
      } else {
        typed.add(StrictModel.parse(doc));
      }
    }
    return new Rendered(docs, typed, monitors);
  }

  static Container node(Deployment d) {
    List<Container> cs = d.getSpec().getTemplate().getSpec().getContainers();
    assertThat(cs).hasSize(1);
    return cs.get(0);
  }

  static Map<String, String> env(Container c) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (EnvVar e : c.getEnv()) {
      assertThat(env.put(e.getName(), e.getValue()))
          .as("env " + e.getName() + " set twice")
          .isNull();
    }
    return env;
  }

  static int containerPort(Container c, String name) {
    return c.getPorts().stream()
        .filter(p -> name.equals(p.getName()))
        .findFirst()
        .map(ContainerPort::getContainerPort)
        .orElseThrow(() -> new AssertionError("no container port named " + name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/large"})
  void everyDocumentParsesStrictlyAndTheNodeIsComplete(String overlay) throws Exception {
    Rendered r = render(overlay);
    assertThat(StrictModel.kinds(r.docs()))
        .contains(
            "Namespace",
            "ServiceAccount",
            "Role",
            "RoleBinding",
            "Deployment",
            "Service",
            "PodDisruptionBudget");
    r.typed().forEach(o -> assertThat(o.getMetadata().getNamespace()).isIn("iot-sim", null));
    Deployment d = r.one(Deployment.class);
    assertThat(d.getMetadata().getNamespace()).isEqualTo("iot-sim");
    assertThat(d.getSpec().getReplicas()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/large"})
  void labelsSelectorsAndPortsAgree(String overlay) throws Exception {
    Rendered r = render(overlay);
    Deployment d = r.one(Deployment.class);
    Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
    Map<String, String> selector = d.getSpec().getSelector().getMatchLabels();
    assertThat(podLabels).containsAllEntriesOf(selector);

    Service svc = r.one(Service.class);
    assertThat(podLabels).containsAllEntriesOf(svc.getSpec().getSelector());
    PodDisruptionBudget pdb = r.one(PodDisruptionBudget.class);
    assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(selector);
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    d.getSpec()
        .getTemplate()
        .getSpec()
        .getTopologySpreadConstraints()
        .forEach(t -> assertThat(t.getLabelSelector().getMatchLabels()).isEqualTo(selector));
    assertThat(d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
        .extracting(t -> t.getTopologyKey())
        .contains("kubernetes.io/hostname");

    // container ports are the node's defaults, and the env sets the same numbers
    Container c = node(d);
    Map<String, String> env = env(c);
    assertThat(containerPort(c, "grpc")).isEqualTo(NODE.getInt("iot-sim.node.grpc.port"));
    assertThat(containerPort(c, "http")).isEqualTo(NODE.getInt("iot-sim.node.http.port"));
    assertThat(containerPort(c, "remoting"))
        .isEqualTo(NODE.getInt("pekko.remote.artery.canonical.port"));
    assertThat(containerPort(c, "management")).isEqualTo(NODE.getInt("iot-sim.management.port"));
    assertThat(NODE.getInt("pekko.management.http.port")).isEqualTo(8558);
    assertThat(env)
        .containsEntry("IOT_SIM_GRPC_PORT", "" + containerPort(c, "grpc"))
        .containsEntry("IOT_SIM_HTTP_PORT", "" + containerPort(c, "http"))
        .containsEntry("IOT_SIM_REMOTE_PORT", "" + containerPort(c, "remoting"))
        .containsEntry("IOT_SIM_MANAGEMENT_PORT", "" + containerPort(c, "management"))
        .containsEntry("IOT_SIM_REMOTE_HOST", "$(POD_IP)")
        .containsEntry("IOT_SIM_MANAGEMENT_HOST", "$(POD_IP)");
    assertThat(c.getEnv())
        .filteredOn(e -> e.getName().equals("POD_IP"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                    .isEqualTo("status.podIP"));

    // every Service port targets a named container port; gRPC is HTTP/2 in clear text
    for (ServicePort p : svc.getSpec().getPorts()) {
      String target = p.getTargetPort().getStrVal();
      assertThat(target).as("service port " + p.getName()).isNotNull();
      assertThat(p.getPort()).isEqualTo(containerPort(c, target));
    }
    assertThat(svc.getSpec().getPorts())
        .extracting(ServicePort::getName)
        .containsExactlyInAnyOrder("grpc", "http", "management");
    assertThat(svc.getSpec().getPorts())
        .filteredOn(p -> p.getName().equals("grpc"))
        .singleElement()
        .extracting(ServicePort::getAppProtocol)
        .isEqualTo("kubernetes.io/h2c");
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/large"})
  void probesAskPekkoManagementsHealthChecks(String overlay) throws Exception {
    Container c = node(render(overlay).one(Deployment.class));
    Probe ready = c.getReadinessProbe();
    Probe alive = c.getLivenessProbe();
    String base = NODE.getString("pekko.management.http.base-path");
    assertThat(ready.getHttpGet().getPath())
        .isEqualTo(path(base, NODE.getString("pekko.management.health-checks.readiness-path")))
        .isEqualTo("/ready");
    assertThat(alive.getHttpGet().getPath())
        .isEqualTo(path(base, NODE.getString("pekko.management.health-checks.liveness-path")))
        .isEqualTo("/alive");
    assertThat(ready.getHttpGet().getPort().getStrVal()).isEqualTo("management");
    assertThat(alive.getHttpGet().getPort().getStrVal()).isEqualTo("management");
    // readiness includes the checks the node relies on (member Up, device sharding started)
    assertThat(NODE.getConfig("pekko.management.health-checks.readiness-checks").root().keySet())
        .contains("cluster-membership", "sharding");
    assertThat(NODE.getStringList("pekko.cluster.sharding.healthcheck.names"))
        .containsExactly("device");
  }

  private static String path(String base, String p) {
    return "/" + (base.isEmpty() ? "" : base + "/") + p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/large"})
  void bootstrapFindsExactlyThesePodsWithTheRightsItHas(String overlay) throws Exception {
    Rendered r = render(overlay);
    Deployment d = r.one(Deployment.class);
    Container c = node(d);
    Map<String, String> env = env(c);
    assertThat(env)
        .containsEntry("IOT_SIM_CLUSTER_JOIN", "bootstrap")
        .containsEntry("IOT_SIM_BOOTSTRAP_DISCOVERY", "kubernetes-api")
        .containsEntry("IOT_SIM_BOOTSTRAP_PORT_NAME", "management");
    assertThat(Integer.parseInt(env.get("IOT_SIM_BOOTSTRAP_REQUIRED_CONTACT_POINTS")))
        .as("a new cluster forms only when every replica is seen")
        .isEqualTo(d.getSpec().getReplicas());

    // the pod label selector discovery asks the API for selects the Deployment's pods
    String selector =
        String.format(
            NODE.getString("pekko.discovery.kubernetes-api.pod-label-selector"),
            env.get("IOT_SIM_BOOTSTRAP_SERVICE_NAME"));
    String[] kv = selector.split("=", 2);
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsEntry(kv[0], kv[1]);
    assertThat(NODE.getBoolean("pekko.discovery.kubernetes-api.use-raw-ip")).isTrue();

    // the pods' service account may get, list and watch pods, and nothing more
    String account = d.getSpec().getTemplate().getSpec().getServiceAccountName();
    assertThat(r.all(io.fabric8.kubernetes.api.model.ServiceAccount.class))
        .extracting(a -> a.getMetadata().getName())
        .containsExactly(account);
    RoleBinding binding = r.one(RoleBinding.class);
    Role role = r.one(Role.class);
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getName()).isEqualTo(account);
              assertThat(s.getNamespace()).isIn(null, "iot-sim");
            });
    assertThat(role.getRules()).hasSize(1);
    PolicyRule rule = role.getRules().get(0);
    assertThat(rule.getApiGroups()).containsExactly("");
    assertThat(rule.getResources()).containsExactly("pods");
    assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/large"})
  void everyEnvironmentVariableIsOneTheNodeReads(String overlay) throws Exception {
    Set<String> known = knownOverrides();
    Container c = node(render(overlay).one(Deployment.class));
    Set<String> unknown = new TreeSet<>();
    for (EnvVar e : c.getEnv()) {
      if (e.getName().startsWith("IOT_SIM_") && !known.contains(e.getName())) {
        unknown.add(e.getName());
      }
    }
    assertThat(unknown).as("IOT_SIM_* variables no reference.conf reads").isEmpty();
    // the heap only: the collector and the rest are the image entrypoint's (DockerfileTest)
    assertThat(env(c).get("JAVA_OPTS"))
        .contains("-XX:MaxRAMPercentage=")
        .doesNotContainPattern("-XX:\\+Use\\w*GC");
  }

  /** Every {@code ${?IOT_SIM_...}} of the node's configuration files on the class path. */
  static Set<String> knownOverrides() throws IOException {
    Set<String> names = new TreeSet<>();
    ClassLoader cl = KustomizeManifestsTest.class.getClassLoader();
    for (String resource : List.of("reference.conf", "iot-sim-pekko.conf")) {
      for (var url : Collections.list(cl.getResources(resource))) {
        try (InputStream in = url.openStream()) {
          var m =
              java.util.regex.Pattern.compile("\\$\\{\\?(IOT_SIM_[A-Z0-9_]+)}")
                  .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          while (m.find()) {
            names.add(m.group(1));
          }
        }
      }
    }
    assertThat(names).contains("IOT_SIM_GRPC_PORT", "IOT_SIM_CLUSTER_JOIN");
    return names;
  }

  @org.junit.jupiter.api.Test
  void largeIsSizedForAMillionDevicesPerPod() throws Exception {
    Rendered large = render("k8s/overlays/large");
    Container c = node(large.one(Deployment.class));
    assertThat(env(c)).containsEntry("IOT_SIM_MAX_DEVICES", "1000000");
    assertThat(c.getResources().getRequests().get("memory"))
        .isEqualTo(c.getResources().getLimits().get("memory"));
    // BENCHMARKS.md: a million devices kept their rate in a 2 GB heap under ZGC (1.2 KB live each)
    for (Container node : List.of(c, node(render("k8s/overlays/dev").one(Deployment.class)))) {
      assertThat(Long.parseLong(env(node).get("IOT_SIM_MAX_DEVICES")) * 2_000)
          .as("the device limit fits the heap at 2 KB a device")
          .isLessThanOrEqualTo(heap(node));
    }
  }

  /** The node's heap: its JAVA_OPTS' percentage of its memory limit. */
  private static long heap(Container c) {
    long limit =
        Quantity.getAmountInBytes(c.getResources().getLimits().get("memory")).longValueExact();
    double percent =
        Double.parseDouble(
            env(c).get("JAVA_OPTS").replaceAll(".*-XX:MaxRAMPercentage=([0-9.]+).*", "$1"));
    return (long) (limit * percent / 100);
  }

  @org.junit.jupiter.api.Test
  void theServiceMonitorScrapesTheRealService() throws Exception {
    Rendered large = render("k8s/overlays/large");
    assertThat(large.monitors()).hasSize(1);
    ServiceMonitor sm = large.monitors().get(0);
    Service svc = large.one(Service.class);
    assertThat(sm.apiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(sm.metadata().namespace()).isEqualTo(svc.getMetadata().getNamespace());
    assertThat(svc.getMetadata().getLabels())
        .containsAllEntriesOf(sm.spec().selector().matchLabels());
    Set<String> servicePorts =
        svc.getSpec().getPorts().stream().map(ServicePort::getName).collect(Collectors.toSet());
    assertThat(sm.spec().endpoints()).isNotEmpty();
    for (ServiceMonitor.Endpoint e : sm.spec().endpoints()) {
      assertThat(servicePorts).contains(e.port());
      assertThat(e.port()).isEqualTo("http");
      assertThat(e.path()).isEqualTo("/metrics");
    }
  }

  @org.junit.jupiter.api.Test
  void theScenarioJobRunsItsConfigMapAgainstTheService() throws Exception {
    Rendered job = render("k8s/scenario-job");
    Job j = job.one(Job.class);
    ConfigMap cm = job.one(ConfigMap.class);
    Service svc = render("k8s/overlays/dev").one(Service.class);
    assertThat(j.getMetadata().getNamespace()).isEqualTo(svc.getMetadata().getNamespace());
    var pod = j.getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    // not a node: discovery must never take the Job's pod for a contact point
    assertThat(j.getSpec().getTemplate().getMetadata().getLabels())
        .doesNotContainEntry("app", "iot-sim");
    Container c = pod.getContainers().get(0);
    List<String> args = c.getArgs();
    assertThat(args.subList(0, 2)).containsExactly("scenario", "run");
    int grpc =
        svc.getSpec().getPorts().stream()
            .filter(p -> p.getName().equals("grpc"))
            .findFirst()
            .orElseThrow()
            .getPort();
    assertThat(args.get(args.indexOf("--runtime") + 1))
        .isEqualTo(svc.getMetadata().getName() + ":" + grpc);

    // the file it runs is the ConfigMap's key, mounted where the argument says
    String file = args.get(2);
    var mount =
        c.getVolumeMounts().stream()
            .filter(m -> file.startsWith(m.getMountPath() + "/"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume mounted at " + file));
    var volume =
        pod.getVolumes().stream()
            .filter(v -> v.getName().equals(mount.getName()))
            .findFirst()
            .orElseThrow();
    assertThat(volume.getConfigMap().getName()).isEqualTo(cm.getMetadata().getName());
    String key = file.substring(mount.getMountPath().length() + 1);
    assertThat(cm.getData()).containsKey(key);

    // and it is a valid scenario whose profiles the image ships: laid out as in the image, the
    // ConfigMap at /scenario and profiles/ in the working directory one level up
    Path dir = Files.createTempDirectory("k8s-scenario");
    try {
      Files.createSymbolicLink(dir.resolve("profiles"), Repo.path("profiles"));
      Path scenario = Files.createDirectories(dir.resolve("scenario")).resolve(key);
      Files.writeString(scenario, cm.getData().get(key));
      var script = ScenarioParser.load(scenario);
      assertThat(script.name()).isEqualTo("k8s_smoke");
      assertThat(script.stepsTotal()).isPositive();
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
