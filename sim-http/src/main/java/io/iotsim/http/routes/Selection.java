package io.iotsim.http.routes;

import io.iotsim.core.selector.Selector;
import io.iotsim.http.api.ApiException;
import io.iotsim.http.api.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Request bodies and query parameters that select devices, turned into one {@link Selector}. */
final class Selection {

  private static final Pattern TYPE = Pattern.compile("[a-z0-9_-]+");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]+");

  private Selection() {}

  /** A body's target: exactly one of all, device_type, ids, selector. */
  static Selector of(Target t) {
    int given =
        (t.all() != null ? 1 : 0)
            + (t.deviceType() != null ? 1 : 0)
            + (t.ids() != null ? 1 : 0)
            + (t.selector() != null ? 1 : 0);
    if (given != 1) {
      throw ApiException.badRequest(
          given == 0 ? "all" : "selector",
          "give exactly one of all (true), device_type, ids or selector (got " + given + ")");
    }
    if (t.all() != null) {
      if (!t.all()) {
        throw ApiException.badRequest("all", "must be true when given");
      }
      return Selector.all();
    }
    if (t.deviceType() != null) {
      return Selector.parse("device_type=" + type("device_type", t.deviceType()));
    }
    if (t.ids() != null) {
      if (t.ids().isEmpty()) {
        throw ApiException.badRequest("ids", "must list at least one device id");
      }
      return Selector.ids(ids("ids", t.ids()));
    }
    return selector(t.selector());
  }

  /**
   * Query filters ANDed: {@code device_type}, a comma-separated {@code ids} list, a selector.
   * Absent filters select every device.
   */
  static Selector ofQuery(
      Optional<String> type, Optional<String> ids, Optional<String> selector, String typeParam) {
    List<String> terms = new ArrayList<>();
    type.ifPresent(t -> terms.add("device_type=" + type(typeParam, t)));
    ids.ifPresent(
        list -> {
          List<String> valid =
              ids(
                  "ids",
                  Arrays.stream(list.split(","))
                      .map(String::strip)
                      .filter(s -> !s.isEmpty())
                      .toList());
          if (valid.isEmpty()) {
            throw ApiException.badRequest("ids", "must list at least one device id");
          }
          terms.add("device_id in (" + String.join(",", valid) + ")");
        });
    selector.ifPresent(
        s -> {
          Selector parsed = selector(s);
          if (!parsed.isAll()) {
            terms.add(parsed.toString());
          }
        });
    if (terms.isEmpty()) {
      return Selector.all();
    }
    if (terms.size() == 1 && ids.isPresent()) {
      // ids alone: looked up directly instead of scanning the fleet
      return Selector.ids(
          ids(
              "ids",
              Arrays.stream(ids.get().split(","))
                  .map(String::strip)
                  .filter(x -> !x.isEmpty())
                  .toList()));
    }
    return Selector.parse(String.join(",", terms));
  }

  static Selector selector(String expression) {
    if (expression.isBlank()) {
      throw ApiException.badRequest("selector", "must not be empty (use \"all\" for every device)");
    }
    // SelectorException says where the expression went wrong; ApiErrors names the field.
    return Selector.parse(expression);
  }

  static String type(String field, String type) {
    if (!TYPE.matcher(type).matches()) {
      throw ApiException.badRequest(field, "must match [a-z0-9_-]+ (got '" + type + "')");
    }
    return type;
  }

  private static List<String> ids(String field, List<String> ids) {
    for (String id : ids) {
      if (id == null || !ID.matcher(id).matches()) {
        throw ApiException.badRequest(field, "'" + id + "' is not a device id");
      }
    }
    return ids;
  }
}
