package io.iotsim.cluster.hub;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.iotsim.core.device.EventSink;
import io.iotsim.core.device.LifecycleEvent;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's lifecycle and control events, for StreamEvents and SSE, and one structured log line
 * each when enabled (iot-sim.events.log-lifecycle).
 */
public final class EventHub extends Hub<LifecycleEvent> implements EventSink {

  private static final Logger log = LoggerFactory.getLogger("iot-sim.events");

  private final boolean logEvents;

  public EventHub(boolean logEvents) {
    this.logEvents = logEvents;
  }

  @Override
  public void publish(LifecycleEvent event) {
    super.publish(event);
    if (logEvents && log.isInfoEnabled()) {
      log.info(
          "{} {}",
          kv("device_id", event.deviceId()),
          kv("event", event.eventName()),
          kv("device_type", event.deviceType()),
          kv("sim_ts", Instant.ofEpochMilli(event.simTimeMillis()).toString()),
          kv("metadata", event.metadata()));
    }
  }
}
