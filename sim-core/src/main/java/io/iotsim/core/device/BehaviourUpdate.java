package io.iotsim.core.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsim.core.CborSerializable;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.FieldSpec;
import io.iotsim.core.profile.LabelRules;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.core.profile.TopicTemplates;
import io.iotsim.core.time.Durations;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A live change to running devices (UpdateDeviceBehavior): a new interval, generators replaced by
 * field name, labels set or removed. Checked once, where it enters, exactly as a profile is; the
 * devices only apply it. Crosses nodes.
 *
 * @param intervalMillis the new telemetry interval, or 0 to keep it
 * @param fields replacement fields, validated as the fields of a profile (only its fields are
 *     used), or null for none; compiled once and shared by every device the update reaches
 * @param atSimMillis the simulated time the change takes effect (a scenario step's time)
 */
public record BehaviourUpdate(
    long intervalMillis,
    DeviceProfile fields,
    Map<String, String> setLabels,
    List<String> removeLabels,
    long atSimMillis)
    implements CborSerializable {

  /** The placeholder type under which replacement fields are validated as a profile. */
  public static final String VALIDATION_TYPE = "update";

  /**
   * Checks an update whose fields are given as a tree shaped like a profile's {@code
   * telemetry_fields} (name -> generator mapping).
   *
   * @param interval null to keep the interval
   * @param fields null or empty to keep the generators
   * @throws IllegalArgumentException (a ProfileException for fields) naming the field and reason
   */
  public static BehaviourUpdate of(
      Duration interval,
      JsonNode fields,
      Map<String, String> setLabels,
      List<String> removeLabels,
      long atSimMillis) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("type", VALIDATION_TYPE);
    boolean hasFields =
        fields != null && !fields.isNull() && !(fields.isObject() && fields.isEmpty());
    if (hasFields) {
      root.set("telemetry_fields", fields);
    }
    return build(
        interval,
        hasFields ? ProfileLoader.fromTree(root) : null,
        setLabels,
        removeLabels,
        atSimMillis);
  }

  /** As {@link #of}, with the replacement fields already validated (null for none). */
  public static BehaviourUpdate build(
      Duration interval,
      DeviceProfile fields,
      Map<String, String> setLabels,
      List<String> removeLabels,
      long atSimMillis) {
    long millis = 0;
    if (interval != null) {
      if (interval.compareTo(DeviceProfile.MIN_TELEMETRY_INTERVAL) < 0) {
        throw new IllegalArgumentException(
            "telemetry_interval: must be >= "
                + Durations.format(DeviceProfile.MIN_TELEMETRY_INTERVAL)
                + " (got "
                + interval
                + ")");
      }
      millis = interval.toMillis();
    }
    LabelRules.check("set_labels", setLabels);
    for (String key : removeLabels) {
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("remove_labels: keys must not be empty");
      }
      if (setLabels.containsKey(key)) {
        throw new IllegalArgumentException("remove_labels: '" + key + "' is also in set_labels");
      }
    }
    if (millis == 0 && fields == null && setLabels.isEmpty() && removeLabels.isEmpty()) {
      throw new IllegalArgumentException(
          "update: nothing to change (give telemetry_interval, telemetry_fields, set_labels or remove_labels)");
    }
    return new BehaviourUpdate(
        millis, fields, new TreeMap<>(setLabels), List.copyOf(removeLabels), atSimMillis);
  }

  /** The replacement fields, in the order given. */
  public List<FieldSpec> fieldSpecs() {
    return fields == null ? List.of() : fields.fields();
  }

  /**
   * Checks the update against the profiles of the devices it is for, before any device applies it:
   * a label a profile's topic template needs cannot be removed, and a replaced field must be a
   * field of the devices (of at least one profile, when the selection mixes types).
   *
   * @throws IllegalArgumentException naming the label or field and the profile
   */
  public void checkAgainst(Collection<DeviceProfile> profiles) {
    for (DeviceProfile p : profiles) {
      for (String label : removeLabels) {
        if (TopicTemplates.labels(p.topicTemplate()).contains(label)) {
          throw new IllegalArgumentException(
              "remove_labels: label '"
                  + label
                  + "' is used by the topic_template '"
                  + p.topicTemplate()
                  + "' of profile '"
                  + p.type()
                  + "'");
        }
      }
    }
    for (FieldSpec f : fieldSpecs()) {
      boolean known =
          profiles.stream()
              .anyMatch(p -> p.fields().stream().anyMatch(x -> x.name().equals(f.name())));
      if (!known && !profiles.isEmpty()) {
        String types =
            profiles.stream()
                .map(DeviceProfile::type)
                .distinct()
                .sorted()
                .collect(Collectors.joining("', '"));
        throw new IllegalArgumentException(
            "telemetry_fields."
                + f.name()
                + ": profile '"
                + types
                + "' has no field '"
                + f.name()
                + "'");
      }
    }
  }

  /** The same change, taking effect at another simulated time. */
  public BehaviourUpdate at(long simMillis) {
    return new BehaviourUpdate(intervalMillis, fields, setLabels, removeLabels, simMillis);
  }
}
