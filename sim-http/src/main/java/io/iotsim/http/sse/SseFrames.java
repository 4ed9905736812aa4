package io.iotsim.http.sse;

import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * Server-Sent Events framing (text/event-stream). Written here rather than with Pekko's
 * ServerSentEvent marshalling for two reasons: a heartbeat must be a comment line (Pekko's
 * heartbeat is an empty {@code data:} event), and a chunk carries a whole batch of events in one
 * write. Data is single-line JSON, so no escaping is needed.
 */
public final class SseFrames {

  /** Sent when a stream has been quiet for the keep-alive interval; EventSource ignores it. */
  public static final ByteString KEEP_ALIVE = ByteString.fromString(": keep-alive\n\n");

  /** Sent first, once the subscription exists: a client knows from then on it misses nothing. */
  public static final ByteString OPEN = ByteString.fromString(": stream open\n\n");

  private SseFrames() {}

  /** One unnamed event per JSON line ({@code onmessage} in a browser). */
  public static ByteString data(List<String> jsonLines) {
    StringBuilder b = new StringBuilder(jsonLines.size() * 128);
    for (String json : jsonLines) {
      b.append("data: ").append(json).append("\n\n");
    }
    return ByteString.fromString(b.toString());
  }

  /** A named event ({@code addEventListener(name)} in a browser). */
  public static ByteString event(String name, String json) {
    return ByteString.fromString("event: " + name + "\ndata: " + json + "\n\n");
  }

  /** A streaming 200 answer; proxies are asked not to buffer it. */
  public static HttpResponse response(Source<ByteString, NotUsed> frames) {
    return HttpResponse.create()
        .withEntity(
            HttpEntities.createChunked(MediaTypes.TEXT_EVENT_STREAM.toContentType(), frames))
        .addHeader(RawHeader.create("Cache-Control", "no-cache"))
        .addHeader(RawHeader.create("X-Accel-Buffering", "no"));
  }
}
