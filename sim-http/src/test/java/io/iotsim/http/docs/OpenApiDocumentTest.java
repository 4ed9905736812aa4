package io.iotsim.http.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document, read by a real OpenAPI parser: valid, every property a plain field
 * name (a YAML slip such as an unquoted comma makes a property of the rest), and every request and
 * response example valid against its schema.
 */
class OpenApiDocumentTest {

  private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]*");

  static String yaml;
  static SwaggerParseResult parsed;

  @BeforeAll
  static void read() throws Exception {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi/openapi.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    parsed = new OpenAPIV3Parser().readContents(yaml, null, options);
  }

  @Test
  void theDocumentParsesWithoutMessages() {
    assertThat(parsed.getMessages()).isEmpty();
    assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
  }

  @Test
  void theApiDeclaresItsBearerTokenAndWhatItRefuses() {
    var api = parsed.getOpenAPI();
    var schemes = api.getComponents().getSecuritySchemes();
    assertThat(schemes.get("bearerAuth").getScheme()).isEqualTo("bearer");
    assertThat(schemes.get("accessToken").getIn())
        .isEqualTo(io.swagger.v3.oas.models.security.SecurityScheme.In.QUERY);
    assertThat(schemes.get("accessToken").getName()).isEqualTo("access_token");
    assertThat(api.getSecurity())
        .extracting(r -> r.keySet())
        .containsExactly(java.util.Set.of("bearerAuth"));
    List<String> missing = new ArrayList<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, op) -> {
                          boolean sse = path.endsWith("/stream");
                          if (path.startsWith("/api/v1/")) {
                            for (String code : List.of("401", "503")) {
                              if (!op.getResponses().containsKey(code)) {
                                missing.add(method + " " + path + " " + code);
                              }
                            }
                          }
                          // the query-parameter token is declared on the SSE routes and nowhere
                          // else
                          boolean query =
                              op.getSecurity() != null
                                  && op.getSecurity().stream()
                                      .anyMatch(r -> r.containsKey("accessToken"));
                          if (query != sse) {
                            missing.add(method + " " + path + " accessToken " + query);
                          }
                        }));
    assertThat(missing).isEmpty();
  }

  @Test
  void everyPropertyIsAFieldName() {
    List<String> bad = new ArrayList<>();
    parsed
        .getOpenAPI()
        .getComponents()
        .getSchemas()
        .forEach((name, schema) -> collectBadProperties(name, schema, bad));
    assertThat(bad).isEmpty();
  }

  @Test
  void everyExampleMatchesItsSchema() throws Exception {
    // the document as plain JSON with every local $ref put in place
    JsonNode doc = inline(new ObjectMapper(new YAMLFactory()).readTree(yaml), null);
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (var path : iterable(doc.path("paths").fields())) {
      for (var op : iterable(path.getValue().fields())) {
        String where = op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
        checked +=
            check(where + " request", op.getValue().path("requestBody").path("content"), problems);
        for (var response : iterable(op.getValue().path("responses").fields())) {
          checked +=
              check(where + " " + response.getKey(), response.getValue().path("content"), problems);
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(checked).isGreaterThanOrEqualTo(10);
  }

  /** Validates the JSON examples of one content map against its schema; how many it checked. */
  private static int check(String where, JsonNode content, List<String> problems) {
    JsonNode json = content.path("application/json");
    if (!json.has("schema")) {
      return 0;
    }
    var schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
            .getSchema(json.get("schema").toString());
    Map<String, JsonNode> examples = new java.util.LinkedHashMap<>();
    if (json.has("example")) {
      examples.put("example", json.get("example"));
    }
    for (var e : iterable(json.path("examples").fields())) {
      examples.put(e.getKey(), e.getValue().get("value"));
    }
    for (var e : examples.entrySet()) {
      schema
          .validate(e.getValue().toString(), InputFormat.JSON)
          .forEach(err -> problems.add(where + " " + e.getKey() + ": " + err.getMessage()));
    }
    return examples.size();
  }

  /** {@code node} with each {@code {$ref: '#/...'}} replaced by what it points to. */
  private static JsonNode inline(JsonNode node, JsonNode root) {
    JsonNode top = root == null ? node : root;
    if (node.isObject() && node.has("$ref")) {
      return inline(top.at(node.get("$ref").asText().substring(1)), top);
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.fields().forEachRemaining(f -> copy.set(f.getKey(), inline(f.getValue(), top)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> copy.add(inline(n, top)));
      return copy;
    }
    return node;
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    return () -> it;
  }

  private static void collectBadProperties(String at, Schema<?> schema, List<String> bad) {
    if (schema == null) {
      return;
    }
    if (schema.getProperties() != null) {
      schema
          .getProperties()
          .forEach(
              (name, child) -> {
                if (!FIELD.matcher(name).matches()) {
                  bad.add(at + ": '" + name + "'");
                }
                collectBadProperties(at + "." + name, child, bad);
              });
    }
    if (schema.getAllOf() != null) {
      schema.getAllOf().forEach(s -> collectBadProperties(at, s, bad));
    }
    if (schema.getItems() != null) {
      collectBadProperties(at + "[]", schema.getItems(), bad);
    }
  }
}
