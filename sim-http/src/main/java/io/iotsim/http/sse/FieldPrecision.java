package io.iotsim.http.sse;

import io.iotsim.core.device.CompiledBatch;
import io.iotsim.core.profile.FieldSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Rounds a reading's numbers to their fields' precision, as the published payload does, so a stream
 * shows the values a broker receives. A reading carries its batch's field-name list; that list
 * instance identifies the batch's profile, so the lookup is by identity.
 */
final class FieldPrecision {

  private final Supplier<Collection<CompiledBatch>> batches;
  private final Map<List<String>, int[]> byFields =
      Collections.synchronizedMap(new IdentityHashMap<>());

  FieldPrecision(Supplier<Collection<CompiledBatch>> batches) {
    this.batches = batches;
  }

  /** {@code value} rounded half away from zero to field {@code i}'s places; as is when unknown. */
  double round(List<String> fieldNames, int i, double value) {
    int[] places = byFields.get(fieldNames);
    if (places == null) {
      places = find(fieldNames);
      if (places == null) {
        return value;
      }
    }
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return value;
    }
    return BigDecimal.valueOf(value).setScale(places[i], RoundingMode.HALF_UP).doubleValue();
  }

  private int[] find(List<String> fieldNames) {
    for (CompiledBatch b : batches.get()) {
      if (b.fieldNames() == fieldNames) {
        List<FieldSpec> fields = b.profile().fields();
        int[] places = new int[fields.size()];
        for (int j = 0; j < places.length; j++) {
          places[j] = fields.get(j).precision();
        }
        byFields.put(fieldNames, places);
        return places;
      }
    }
    return null;
  }
}
