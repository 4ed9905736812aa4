package io.iotsim.core.device;

import io.iotsim.core.generator.FieldGenerators;
import io.iotsim.core.payload.EnvelopeLayout;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.FieldSpec;
import io.iotsim.core.profile.TopicTemplates;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.seed.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * What every device of one batch shares, built once per node: the node, the parsed profile, its
 * payload layout, the field generators, the merged labels, the publisher, and per-batch counters. A
 * device keeps only what is its own (id, schedule, generator state).
 */
public final class CompiledBatch {

  private final SpawnBatch batch;
  private final DeviceHost node;
  private final DeviceProfile profile;
  private final EnvelopeLayout layout;
  private final Map<String, String> labels;
  private final Publisher publisher;
  private final List<String> fieldNames;
  private final FieldGenerators generators;

  /**
   * The template around {@code {device_id}} when that is its only per-device part (the type is the
   * batch's): a topic is then one concatenation, cheap enough to derive per reading rather than
   * keep per device. Null when the template names labels.
   */
  private final String topicPrefix;

  private final String topicSuffix;
  private final LongAdder sent = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  /** Profiles after a field update, shared by every device of the batch that took the update. */
  private final ConcurrentHashMap<Replacement, Updated> updated = new ConcurrentHashMap<>();

  /** A profile with some fields replaced, its payload layout and generators. */
  record Updated(DeviceProfile profile, EnvelopeLayout layout, FieldGenerators generators) {}

  /** By identity: every device of a batch starts from the same profile and gets the same update. */
  private record Replacement(DeviceProfile from, List<FieldSpec> fields) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Replacement r && r.from == from && r.fields == fields;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(from) * 31 + System.identityHashCode(fields);
    }
  }

  private CompiledBatch(
      SpawnBatch batch, DeviceHost node, DeviceProfile profile, Publisher publisher) {
    this.batch = batch;
    this.node = node;
    this.profile = profile;
    this.layout = EnvelopeLayout.of(profile);
    Map<String, String> merged = new LinkedHashMap<>(profile.labels());
    merged.putAll(batch.labels());
    this.labels = Collections.unmodifiableMap(merged);
    this.publisher = publisher;
    this.fieldNames = profile.fields().stream().map(FieldSpec::name).toList();
    this.generators = generatorsOf(profile);
    String typed = profile.topicTemplate().replace("{device_type}", profile.type());
    int at = typed.indexOf(DEVICE_ID);
    boolean idOnly = at >= 0 && typed.indexOf('{') == at && typed.indexOf('{', at + 1) < 0;
    this.topicPrefix = idOnly ? typed.substring(0, at) : null;
    this.topicSuffix = idOnly ? typed.substring(at + DEVICE_ID.length()) : null;
  }

  private static final String DEVICE_ID = "{device_id}";

  /**
   * The batch's profile for {@code node}, with its publisher; the profile was validated where it
   * entered.
   */
  public static CompiledBatch compile(
      SpawnBatch batch, DeviceHost node, Function<DeviceProfile, Publisher> publisherFor) {
    return new CompiledBatch(batch, node, batch.profile(), publisherFor.apply(batch.profile()));
  }

  public SpawnBatch batch() {
    return batch;
  }

  /** The node it was compiled for, which its devices run on. */
  public DeviceHost node() {
    return node;
  }

  public DeviceProfile profile() {
    return profile;
  }

  public EnvelopeLayout layout() {
    return layout;
  }

  public Map<String, String> labels() {
    return labels;
  }

  public Publisher publisher() {
    return publisher;
  }

  public List<String> fieldNames() {
    return fieldNames;
  }

  public long intervalMillis() {
    return profile.telemetryInterval().toMillis();
  }

  public String topicFor(String deviceId, Map<String, String> deviceLabels) {
    if (topicPrefix != null) {
      return topicPrefix + deviceId + topicSuffix;
    }
    return TopicTemplates.resolve(profile.topicTemplate(), deviceId, profile.type(), deviceLabels);
  }

  public FieldGenerators generators() {
    return generators;
  }

  /**
   * A device's generator state, each field seeded by the chain masterSeed -> deviceSeed -> field.
   */
  public long[] newFieldState(long deviceSeed) {
    long[] state = generators.newState();
    for (int i = 0; i < generators.size(); i++) {
      if (generators.stateful(i)) {
        generators.seed(i, Seeds.fieldSeed(deviceSeed, fieldNames.get(i)), state);
      }
    }
    return state;
  }

  private static FieldGenerators generatorsOf(DeviceProfile profile) {
    return new FieldGenerators(profile.fields().stream().map(FieldSpec::generator).toList());
  }

  /**
   * {@code from} with the fields of the same name replaced; built once per (profile, update) and
   * shared, so one update to a million devices builds one profile and one layout.
   */
  Updated withFields(DeviceProfile from, List<FieldSpec> replacements) {
    return updated.computeIfAbsent(
        new Replacement(from, replacements),
        k -> {
          List<FieldSpec> fields = new ArrayList<>(from.fields());
          for (FieldSpec r : replacements) {
            for (int i = 0; i < fields.size(); i++) {
              if (fields.get(i).name().equals(r.name())) {
                fields.set(i, r);
              }
            }
          }
          DeviceProfile p =
              new DeviceProfile(
                  from.type(),
                  from.protocol(),
                  from.topicTemplate(),
                  from.telemetryInterval(),
                  fields,
                  from.labels(),
                  from.qos(),
                  from.backpressure(),
                  from.connection(),
                  from.protocolOptions());
          return new Updated(p, EnvelopeLayout.of(p), generatorsOf(p));
        });
  }

  void counted(boolean accepted) {
    if (accepted) {
      sent.increment();
    } else {
      dropped.increment();
    }
  }

  public long sent() {
    return sent.sum();
  }

  public long dropped() {
    return dropped.sum();
  }
}
