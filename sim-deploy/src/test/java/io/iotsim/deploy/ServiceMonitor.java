package io.iotsim.deploy;

import java.util.List;
import java.util.Map;

/**
 * The Prometheus Operator's ServiceMonitor (monitoring.coreos.com/v1), as far as the monitoring kit
 * uses it: fabric8's kubernetes-model has no type for this custom resource, so these records are
 * the typed model, read with unknown fields failing ({@link StrictModel#YAML}).
 */
record ServiceMonitor(String apiVersion, String kind, Metadata metadata, Spec spec) {

  record Metadata(String name, String namespace, Map<String, String> labels) {}

  record Spec(
      Selector selector,
      NamespaceSelector namespaceSelector,
      List<Endpoint> endpoints,
      String jobLabel) {}

  record Selector(Map<String, String> matchLabels) {}

  record NamespaceSelector(Boolean any, List<String> matchNames) {}

  record Endpoint(String port, String path, String interval, String scrapeTimeout, String scheme) {}
}
