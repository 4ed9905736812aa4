package io.iotsim.core.scenario;

import io.iotsim.core.device.BehaviourUpdate;
import io.iotsim.core.fault.FaultType;
import io.iotsim.core.profile.DeviceProfile;
import io.iotsim.core.selector.Selector;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a scenario does to the fleet, in simulated time. Every call is a step applied at the
 * scenario's current simulated time, exactly: time is held there until the step is done, and only
 * {@link #waitFor(Duration)} moves it on. Calls block the scenario's own thread (never an actor's),
 * so a scenario reads like the script it is:
 *
 * <pre>{@code
 * Scenario rampUp = Scenario.of("ramp_up", ctx -> {
 *   for (int batch = 0; batch < 10; batch++) {
 *     ctx.spawn("temperature_sensor", 100, Map.of("batch", "" + batch));
 *     ctx.waitFor(Duration.ofSeconds(3));
 *   }
 *   ctx.injectFault(Selector.parse("batch=0"), FaultType.DISCONNECT, Duration.ofSeconds(60), Map.of());
 *   ctx.waitFor(Duration.ofMinutes(2));
 * });
 * }</pre>
 *
 * <p>A call that fails throws {@link ScenarioFailedException} (or the fleet's own
 * IllegalArgumentException); left uncaught it fails the scenario with that reason.
 */
public interface ScenarioContext {

  /** Spawns devices whose schedules start now; returns their ids. */
  List<String> spawn(DeviceProfile profile, int count, Map<String, String> labels);

  /** Spawns devices of a profile given by name ({@code smart_lock}) or path. */
  List<String> spawn(String profile, int count, Map<String, String> labels);

  int stop(Selector selector);

  int pause(Selector selector);

  int resume(Selector selector);

  /** A fault on the selected devices from now for {@code duration}; returns how many took it. */
  int injectFault(Selector selector, FaultType type, Duration duration, Map<String, ?> params);

  /** Applies an update (its time is replaced by now); returns how many devices changed. */
  int update(Selector selector, BehaviourUpdate update);

  /** Lets {@code duration} of simulated time pass (a scenario's {@code wait} step). */
  void waitFor(Duration duration);

  /** A scenario_step event with this message. */
  void log(String message);

  /** The fleet now. */
  FleetCounts status();

  /** The ids of the selected devices now, sorted. */
  List<String> ids(Selector selector);

  /** The scenario's current simulated time, epoch milliseconds. */
  long simNowMillis();
}
