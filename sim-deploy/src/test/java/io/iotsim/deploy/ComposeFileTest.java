package io.iotsim.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.iotsim.cluster.node.NodeConfig;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/compose.yaml against the Compose Specification's JSON schema (no compose CLI here), and
 * the stack it describes: three nodes that can only form one cluster (bootstrap with config
 * discovery naming exactly the three), every node scraped, Grafana provisioned with the monitoring
 * kit, start order by health checks, named volumes, files that exist.
 */
class ComposeFileTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Config NODE = NodeConfig.load(ConfigFactory.empty());
  private static final List<String> NODES = List.of("node1", "node2", "node3");

  private static Schema schema;
  private static JsonNode compose;

  @BeforeAll
  static void load() throws Exception {
    try (var in = ComposeFileTest.class.getResourceAsStream("/compose-spec.json")) {
      // the file's "$id" is relative (compose_spec.json); the validator wants an absolute one
      ObjectNode spec = (ObjectNode) JSON.readTree(in);
      spec.put("$id", "urn:compose-spec:compose_spec.json");
      schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
              .getSchema(spec.toString());
    }
    // SnakeYAML resolves the file's anchors and merge keys (<<) as compose does
    Object yaml = new Yaml().load(Repo.read("deploy/compose.yaml"));
    compose = JSON.valueToTree(yaml);
  }

  private static List<String> problems(JsonNode doc) {
    List<String> problems = new ArrayList<>();
    schema.validate(doc.toString(), InputFormat.JSON).forEach(e -> problems.add(e.toString()));
    return problems;
  }

  @Test
  void theFileIsValidCompose() {
    assertThat(problems(compose)).isEmpty();
  }

  @Test
  void theSchemaCheckCatchesAMisspeltKey() {
    ObjectNode broken = compose.deepCopy();
    ObjectNode node1 = (ObjectNode) broken.path("services").path("node1");
    node1.set("helthcheck", node1.remove("healthcheck"));
    assertThat(problems(broken)).anySatisfy(p -> assertThat(p).contains("helthcheck"));
  }

  @Test
  void threeNodesBootstrapOneClusterFromTheirOwnNames() throws Exception {
    JsonNode services = compose.path("services");
    Set<String> known = KustomizeManifestsTest.knownOverrides();
    Config cluster =
        ConfigFactory.parseFile(Repo.path("deploy/iot-sim/cluster.conf").toFile())
            .withFallback(NODE)
            .resolve();
    String service = null;
    for (String name : NODES) {
      JsonNode node = services.path(name);
      assertThat(node.isObject()).as(name).isTrue();
      JsonNode env = node.path("environment");
      assertThat(env.path("IOT_SIM_CLUSTER_JOIN").asText()).isEqualTo("bootstrap");
      assertThat(env.path("IOT_SIM_BOOTSTRAP_DISCOVERY").asText()).isEqualTo("config");
      assertThat(env.path("IOT_SIM_BOOTSTRAP_REQUIRED_CONTACT_POINTS").asInt()).isEqualTo(3);
      assertThat(env.path("IOT_SIM_REMOTE_HOST").asText()).isEqualTo(name);
      assertThat(env.path("IOT_SIM_MANAGEMENT_HOST").asText()).isEqualTo(name);
      service = env.path("IOT_SIM_BOOTSTRAP_SERVICE_NAME").asText();
      for (Iterator<String> it = env.fieldNames(); it.hasNext(); ) {
        String var = it.next();
        if (var.startsWith("IOT_SIM_")) {
          assertThat(known).as(name + " sets " + var).contains(var);
        }
      }
      // the config file it is told to read is the one mounted
      List<String> command = strings(node.path("command"));
      String file = command.get(command.indexOf("--config") + 1);
      assertThat(strings(node.path("volumes")))
          .anySatisfy(v -> assertThat(v).endsWith(":" + file + ":ro"));
    }
    // config discovery names exactly the three, at the management port they listen on
    List<String> contacts = new ArrayList<>();
    for (Config e :
        cluster.getConfigList("pekko.discovery.config.services." + service + ".endpoints")) {
      assertThat(e.getInt("port")).isEqualTo(NODE.getInt("iot-sim.management.port"));
      contacts.add(e.getString("host"));
    }
    assertThat(contacts).containsExactlyElementsOf(NODES);
  }

  @Test
  void prometheusScrapesEveryNodeAndGrafanaGetsTheDashboard() throws Exception {
    JsonNode services = compose.path("services");
    JsonNode prometheus =
        JSON.valueToTree(new Yaml().load(Repo.read("deploy/prometheus/prometheus.yml")));
    Set<String> targets = new TreeSet<>();
    for (JsonNode job : prometheus.path("scrape_configs")) {
      assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
      for (JsonNode sc : job.path("static_configs")) {
        targets.addAll(strings(sc.path("targets")));
      }
    }
    int http = NODE.getInt("iot-sim.node.http.port");
    assertThat(targets)
        .containsExactlyInAnyOrder(NODES.stream().map(n -> n + ":" + http).toArray(String[]::new));
    assertThat(strings(services.path("prometheus").path("volumes")))
        .contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");

    // Grafana: the monitoring kit's datasource (pointing at this stack's prometheus) and dashboard
    List<String> grafana = strings(services.path("grafana").path("volumes"));
    assertThat(grafana)
        .anySatisfy(
            v ->
                assertThat(v)
                    .startsWith(
                        "../k8s/monitoring/grafana/iot-sim-dashboard.json:/etc/grafana/provisioning/dashboards/iot-sim/"))
        .anySatisfy(v -> assertThat(v).contains(":/etc/grafana/provisioning/datasources/"))
        .anySatisfy(v -> assertThat(v).contains(":/etc/grafana/provisioning/dashboards/"));
    JsonNode datasource =
        JSON.valueToTree(new Yaml().load(Repo.read("k8s/monitoring/grafana/datasource.yaml")));
    String url = datasource.path("datasources").get(0).path("url").asText();
    assertThat(url).startsWith("http://prometheus:");
    assertThat(services.has("prometheus")).isTrue();
  }

  @Test
  void startOrderWaitsOnHealthAndEveryFileAndVolumeExists() {
    JsonNode services = compose.path("services");
    Set<String> declared = new TreeSet<>();
    compose.path("volumes").fieldNames().forEachRemaining(declared::add);
    Set<String> used = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> s = it.next();
      // everything a service waits on to be healthy has a health check
      for (Iterator<Map.Entry<String, JsonNode>> d = s.getValue().path("depends_on").fields();
          d.hasNext(); ) {
        Map.Entry<String, JsonNode> dep = d.next();
        assertThat(services.has(dep.getKey()))
            .as(s.getKey() + " depends on " + dep.getKey())
            .isTrue();
        if (dep.getValue().path("condition").asText().equals("service_healthy")) {
          assertThat(services.path(dep.getKey()).has("healthcheck"))
              .as(dep.getKey() + " has a healthcheck")
              .isTrue();
        }
      }
      for (String v : strings(s.getValue().path("volumes"))) {
        String source = v.split(":")[0];
        if (source.startsWith(".")) {
          assertThat(Files.exists(Repo.path("deploy").resolve(source).normalize()))
              .as(s.getKey() + " mounts " + source)
              .isTrue();
        } else {
          used.add(source);
        }
      }
    }
    assertThat(used).isEqualTo(declared);
    for (String node : NODES) {
      JsonNode deps = services.path(node).path("depends_on");
      assertThat(deps.path("mosquitto").path("condition").asText()).isEqualTo("service_healthy");
      assertThat(deps.path("rabbitmq").path("condition").asText()).isEqualTo("service_healthy");
      assertThat(strings(services.path(node).path("healthcheck").path("test")))
          .contains("/opt/iot-sim/bin/healthcheck");
    }
    assertThat(strings(services.path("mosquitto").path("volumes")))
        .contains("./mosquitto/mosquitto.conf:/mosquitto/config/mosquitto.conf:ro");
  }

  @Test
  void theMosquittoConfigListensWhereTheNodesPublish() throws Exception {
    String conf = Repo.read("deploy/mosquitto/mosquitto.conf");
    assertThat(conf).containsPattern("(?m)^listener 1883");
    for (String node : NODES) {
      assertThat(
              compose
                  .path("services")
                  .path(node)
                  .path("environment")
                  .path("IOT_SIM_MQTT_URL")
                  .asText())
          .isEqualTo("tcp://mosquitto:1883");
    }
    // messages persist where the named volume is mounted
    assertThat(conf).containsPattern("(?m)^persistence_location /mosquitto/data/");
    assertThat(strings(compose.path("services").path("mosquitto").path("volumes")))
        .contains("mosquitto-data:/mosquitto/data");
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
