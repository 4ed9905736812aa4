package io.iotsim.core.device;

import io.iotsim.core.generator.FieldGenerator;
import io.iotsim.core.payload.EnvelopeLayout;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.profile.FieldSpec;
import io.iotsim.core.profile.TopicTemplates;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.seed.Seeds;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * What every device of one batch shares, built once per node: the parsed profile, its payload
 * layout, the merged labels, the publisher, and per-batch counters. A device
 * keeps only what is its own (id, seed, generator state).
 */
public final class CompiledBatch {

  private final SpawnBatch batch;
  private final DeviceProfile profile;
  private final EnvelopeLayout layout;
  private final Map<String, String> labels;
  private final Publisher publisher;
  private final List<String> fieldNames;
  private final LongAdder sent = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  private CompiledBatch(SpawnBatch batch, DeviceProfile profile, Publisher publisher) {
    this.batch = batch;
    this.profile = profile;
    this.layout = EnvelopeLayout.of(profile);
    Map<String, String> merged = new LinkedHashMap<>(profile.labels());
    merged.putAll(batch.labels());
    this.labels = Collections.unmodifiableMap(merged);
    this.publisher = publisher;
    this.fieldNames = profile.fields().stream().map(FieldSpec::name).toList();
  }

  /** The batch's profile with its publisher; the profile was validated where it entered. */
  public static CompiledBatch compile(
      SpawnBatch batch, Function<DeviceProfile, Publisher> publisherFor) {
    return new CompiledBatch(batch, batch.profile(), publisherFor.apply(batch.profile()));
  }

  public SpawnBatch batch() {
    return batch;
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
    return TopicTemplates.resolve(profile.topicTemplate(), deviceId, profile.type(), deviceLabels);
  }

  /** One generator per field, each seeded by the chain masterSeed -> deviceSeed -> fieldSeed. */
  public FieldGenerator[] newGenerators(long deviceSeed) {
    List<FieldSpec> fields = profile.fields();
    FieldGenerator[] generators = new FieldGenerator[fields.size()];
    for (int i = 0; i < generators.length; i++) {
      FieldSpec f = fields.get(i);
      generators[i] = f.generator().newGenerator(Seeds.fieldSeed(deviceSeed, f.name()));
    }
    return generators;
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
