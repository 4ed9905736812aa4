package io.iotsim.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rendered manifests parsed into the typed Kubernetes model (fabric8), strictly: fabric8's classes
 * keep fields they do not know in {@code additionalProperties} instead of failing, so every object
 * of the parsed tree is walked and any such field is a failure naming its path. A misspelt field
 * (say {@code readinesProbe}) would otherwise be dropped by the API server without a word.
 */
final class StrictModel {

  private StrictModel() {}

  static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "v1/Namespace", Namespace.class,
          "v1/ServiceAccount", ServiceAccount.class,
          "v1/Service", Service.class,
          "v1/ConfigMap", ConfigMap.class,
          "apps/v1/Deployment", Deployment.class,
          "batch/v1/Job", Job.class,
          "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
          "rbac.authorization.k8s.io/v1/Role", Role.class,
          "rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class);

  /** The documents of a rendered multi-document YAML, as trees. */
  static List<JsonNode> documents(String yaml) throws java.io.IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(yaml)) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isEmpty()) {
          docs.add(doc);
        }
      }
    }
    return docs;
  }

  /** Whether the typed model knows this document's kind (others: ServiceMonitor, see there). */
  static boolean known(JsonNode doc) {
    return KINDS.containsKey(doc.path("apiVersion").asText() + "/" + doc.path("kind").asText());
  }

  /**
   * The document as its fabric8 type.
   *
   * @throws AssertionError naming the document and the path of every field the model does not know
   */
  static HasMetadata parse(JsonNode doc) {
    String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
    Class<? extends HasMetadata> type = KINDS.get(key);
    if (type == null) {
      throw new AssertionError("no typed model for " + key);
    }
    HasMetadata parsed = YAML.convertValue(doc, type);
    List<String> unknown = new ArrayList<>();
    walk(
        parsed,
        key + " " + doc.path("metadata").path("name").asText(),
        unknown,
        new IdentityHashMap<>());
    if (!unknown.isEmpty()) {
      throw new AssertionError("fields the Kubernetes model does not know: " + unknown);
    }
    return parsed;
  }

  private static void walk(Object o, String at, List<String> unknown, Map<Object, Boolean> seen) {
    if (o == null || seen.put(o, Boolean.TRUE) != null) {
      return;
    }
    if (o instanceof Collection<?> c) {
      int i = 0;
      for (Object e : c) {
        walk(e, at + "[" + i++ + "]", unknown, seen);
      }
      return;
    }
    if (o instanceof Map<?, ?> m) {
      m.forEach((k, v) -> walk(v, at + "." + k, unknown, seen));
      return;
    }
    if (!o.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0
          || Modifier.isStatic(m.getModifiers())
          || !m.getName().startsWith("get")
          || m.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = m.invoke(o);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(at + "." + m.getName(), e);
      }
      if (m.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          for (Object k : extra.keySet()) {
            unknown.add(at + "." + k);
          }
        }
        continue;
      }
      walk(value, at + "." + property(m.getName()), unknown, seen);
    }
  }

  private static String property(String getter) {
    String p = getter.substring(3);
    return p.isEmpty() ? p : Character.toLowerCase(p.charAt(0)) + p.substring(1);
  }

  /** Every {@code kind} in the rendered output, for a test to say what it saw. */
  static Set<String> kinds(List<JsonNode> docs) {
    Set<String> kinds = new java.util.TreeSet<>();
    docs.forEach(d -> kinds.add(d.path("kind").asText()));
    return kinds;
  }
}
