package io.iotsim.core.publish.http;

import io.iotsim.core.publish.QueuedReading;
import java.util.List;

/** Joins already-encoded JSON envelopes into one JSON array without parsing them. */
final class JsonBatch {

  private JsonBatch() {}

  static byte[] join(List<QueuedReading> batch) {
    int length = 2 + Math.max(0, batch.size() - 1);
    for (QueuedReading message : batch) {
      length += message.payload().length;
    }
    byte[] body = new byte[length];
    int at = 0;
    body[at++] = '[';
    for (int i = 0; i < batch.size(); i++) {
      if (i > 0) {
        body[at++] = ',';
      }
      byte[] payload = batch.get(i).payload();
      System.arraycopy(payload, 0, body, at, payload.length);
      at += payload.length;
    }
    body[at] = ']';
    return body;
  }
}
