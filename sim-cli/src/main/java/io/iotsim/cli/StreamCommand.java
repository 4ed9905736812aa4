package io.iotsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsim.proto.simulator.v1.FieldValue;
import io.iotsim.proto.simulator.v1.StreamTelemetryRequest;
import io.iotsim.proto.simulator.v1.TelemetryPoint;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.stream.javadsl.Sink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Follows live telemetry as JSON lines, one reading per line, until interrupted or --limit. */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description = "Follow live telemetry as JSON lines.")
final class StreamCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--type", paramLabel = "TYPE", description = "Only devices of this type.")
  String type;

  @Option(names = "--ids", paramLabel = "ID", split = ",", description = "Only these device ids.")
  List<String> ids;

  @Option(
      names = "--selector",
      paramLabel = "EXPR",
      description = "Only devices matching this label selector.")
  String selector;

  @Option(names = "--limit", paramLabel = "N", description = "Stop after N readings.")
  Long limit;

  @Mixin RuntimeOption target;

  @Override
  public Integer call() throws Exception {
    StreamTelemetryRequest.Builder request = StreamTelemetryRequest.newBuilder();
    Selection s = new Selection();
    s.type = type;
    s.ids = ids;
    s.selector = selector;
    if ((type != null ? 1 : 0) + (ids != null ? 1 : 0) + (selector != null ? 1 : 0) > 1) {
      throw new IllegalArgumentException("--type, --ids and --selector: give at most one");
    }
    if (s.given()) {
      request.setSelector(s.toProto());
    }
    if (limit != null && limit < 1) {
      throw new IllegalArgumentException("--limit: must be >= 1 (got " + limit + ")");
    }
    PrintStream out = System.out;
    AtomicLong printed = new AtomicLong();
    try (io.iotsim.client.IotSimClient client = target.connect()) {
      var points = client.telemetry(request.build()).mapConcat(b -> b.getPointsList());
      if (limit != null) {
        points = points.take(limit);
      }
      points
          .runWith(
              Sink.foreach(
                  p -> {
                    out.println(json(p));
                    printed.incrementAndGet();
                  }),
              client.system())
          .toCompletableFuture()
          .get();
      out.flush();
    }
    return CliErrors.OK;
  }

  static String json(TelemetryPoint p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("device_id", p.getDeviceId());
    n.put("device_type", p.getDeviceType());
    n.put(
        "timestamp",
        Instant.ofEpochSecond(p.getTimestamp().getSeconds(), p.getTimestamp().getNanos())
            .toString());
    n.put("sequence", p.getSequence());
    ObjectNode fields = n.putObject("fields");
    for (FieldValue f : p.getFieldsList()) {
      switch (f.getValueCase()) {
        case NUMBER -> fields.put(f.getName(), f.getNumber());
        case TEXT -> fields.put(f.getName(), f.getText());
        case FLAG -> fields.put(f.getName(), f.getFlag());
        default -> fields.putNull(f.getName());
      }
    }
    return n.toString();
  }
}
