package io.iotsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsim.proto.simulator.v1.DeviceEvent;
import io.iotsim.proto.simulator.v1.EventType;
import io.iotsim.proto.simulator.v1.StreamEventsRequest;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.pekko.stream.javadsl.Sink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Follows lifecycle, fault and scenario events as JSON lines, one event each. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = "Follow device and scenario events as JSON lines.")
final class EventsCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--type",
      paramLabel = "EVENT",
      split = ",",
      description =
          "Only these events: spawned, started, paused, resumed, stopped, error, fault_injected, fault_cleared, behaviour_updated, backpressure_slowdown, scenario_step, command_received, publish_loss.")
  List<String> types = new ArrayList<>();

  @Option(
      names = "--selector",
      paramLabel = "EXPR",
      description = "Only devices matching this selector (fleet events always pass).")
  String selector;

  @Option(names = "--limit", paramLabel = "N", description = "Stop after N events.")
  Long limit;

  @Mixin RuntimeOption target;

  @Override
  public Integer call() throws Exception {
    StreamEventsRequest.Builder request = StreamEventsRequest.newBuilder();
    for (String t : types) {
      request.addEventTypes(eventType(t));
    }
    if (selector != null) {
      SelectionWithoutType s = new SelectionWithoutType();
      s.selector = selector;
      request.setSelector(s.toProto());
    }
    if (limit != null && limit < 1) {
      throw new IllegalArgumentException("--limit: must be >= 1 (got " + limit + ")");
    }
    PrintStream out = System.out;
    try (io.iotsim.client.IotSimClient client = target.connect()) {
      var events = client.events(request.build());
      if (limit != null) {
        events = events.take(limit);
      }
      events
          .runWith(Sink.foreach(e -> out.println(json(e))), client.system())
          .toCompletableFuture()
          .get();
      out.flush();
    }
    return CliErrors.OK;
  }

  static EventType eventType(String name) {
    String n = name.strip().toUpperCase(Locale.ROOT);
    try {
      EventType t = EventType.valueOf(n.startsWith("EVENT_TYPE_") ? n : "EVENT_TYPE_" + n);
      if (t != EventType.EVENT_TYPE_UNSPECIFIED && t != EventType.UNRECOGNIZED) {
        return t;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalArgumentException("--type: unknown event '" + name + "'");
  }

  /**
   * {"level":"info","device_id":...,"event":"fault_injected","device_type":...,"message":...,"ts":...,
   * metadata...}
   */
  static String json(DeviceEvent e) {
    ObjectNode n = JSON.createObjectNode();
    String event =
        e.getEventType().name().substring("EVENT_TYPE_".length()).toLowerCase(Locale.ROOT);
    n.put("level", e.getEventType() == EventType.EVENT_TYPE_ERROR ? "error" : "info");
    n.put("device_id", e.getDeviceId());
    n.put("event", event);
    n.put("device_type", e.getDeviceType());
    n.put("message", e.getMessage());
    n.put(
        "ts",
        Instant.ofEpochSecond(e.getTimestamp().getSeconds(), e.getTimestamp().getNanos())
            .toString());
    new java.util.TreeMap<>(e.getMetadataMap())
        .forEach(
            (k, v) -> {
              if (!n.has(k)) {
                n.put(k, v);
              }
            });
    return n.toString();
  }
}
