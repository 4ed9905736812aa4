package io.iotsim.http.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.iotsim.http.api.ApiException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.model.RequestEntity;

/**
 * The API's one JSON mapping: snake_case field names, strict input (unknown fields, duplicate
 * fields, trailing text, a string where a number belongs are errors), and errors that name the
 * field in the request.
 */
public final class Json {

  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  static {
    // "count": "10" is a mistake to report, not to guess at.
    for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
      MAPPER.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    MAPPER
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
  }

  private static final Marshaller<Object, RequestEntity> MARSHALLER = Jackson.marshaller(MAPPER);

  private Json() {}

  /** Responses as application/json. */
  public static Marshaller<Object, RequestEntity> marshaller() {
    return MARSHALLER;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /**
   * Reads a request body.
   *
   * @throws ApiException 400 naming the field (or {@code body}) and what is wrong with it
   */
  public static <T> T read(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("body", "required: a JSON object");
    }
    try {
      JsonNode tree = MAPPER.readTree(body);
      if (!tree.isObject()) {
        throw ApiException.badRequest("body", "must be a JSON object (got " + kind(tree) + ")");
      }
      return MAPPER.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      String field = path(e);
      String known =
          e.getKnownPropertyIds() == null
              ? ""
              : " (known: "
                  + new TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf).toList())
                      .stream().collect(Collectors.joining(", "))
                  + ")";
      throw ApiException.badRequest(field, "unknown field" + known);
    } catch (ValueInstantiationException e) {
      // A record's constructor refused a value; its message leads with the field.
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ApiException(
          org.apache.pekko.http.javadsl.model.StatusCodes.BAD_REQUEST,
          Messages.fieldOf(cause.getMessage()),
          cause.getMessage());
    } catch (MismatchedInputException e) {
      String field = path(e).isEmpty() ? "body" : path(e);
      throw ApiException.badRequest(field, expected(e.getTargetType()));
    } catch (JsonMappingException e) {
      String field = path(e).isEmpty() ? "body" : path(e);
      throw ApiException.badRequest(field, firstLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw ApiException.badRequest(
          "body", "malformed JSON" + where + ": " + firstLine(e.getOriginalMessage()));
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "has the wrong type";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "must be an integer";
    }
    if (type == double.class || type == Double.class) {
      return "must be a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "must be true or false";
    }
    if (type == String.class) {
      return "must be a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "must be an array";
    }
    if (Map.class.isAssignableFrom(type)
        || type.isRecord()
        || JsonNode.class.isAssignableFrom(type)) {
      return "must be a JSON object";
    }
    return "must be a " + type.getSimpleName();
  }

  private static String kind(JsonNode n) {
    return n.isArray()
        ? "an array"
        : n.isTextual()
            ? "a string"
            : n.isNumber() ? "a number" : n.isBoolean() ? "a boolean" : "null";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
