package io.iotsim.core.scenario;

import io.iotsim.core.device.BehaviourUpdate;
import io.iotsim.core.fault.FaultType;
import io.iotsim.core.profile.DeviceProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One step of a scenario file, checked. Selectors, label values and messages may hold {@code {i}},
 * the index of the innermost {@code repeat} (0-based).
 */
public sealed interface Step {

  /** The line of the scenario file the step starts on. */
  int line();

  /** The step's kind as written: spawn, stop, fault, ... */
  String kind();

  record Spawn(
      int line, String profileRef, DeviceProfile profile, int count, Map<String, String> labels)
      implements Step {
    public String kind() {
      return "spawn";
    }
  }

  /** stop, pause or resume. */
  record Control(int line, String kind, String selector) implements Step {}

  /** {@code selector} is null inside a rollout (the batch is the selector). */
  record Fault(
      int line, String selector, FaultType type, Duration duration, Map<String, String> params)
      implements Step {
    public String kind() {
      return "fault";
    }
  }

  record Update(int line, String selector, BehaviourUpdate update) implements Step {
    public String kind() {
      return "update";
    }
  }

  record Wait(int line, Duration duration) implements Step {
    public String kind() {
      return "wait";
    }
  }

  record Log(int line, String message) implements Step {
    public String kind() {
      return "log";
    }
  }

  record Repeat(int line, int times, List<Step> steps) implements Step {
    public String kind() {
      return "repeat";
    }
  }

  /** Walks the selected devices (in id order) in batches, applying {@code action} to each. */
  record Rollout(int line, String selector, int batchSize, Duration stagger, Step action)
      implements Step {
    public String kind() {
      return "rollout";
    }
  }

  record Expect(int line, Condition condition) implements Step {
    public String kind() {
      return "expect";
    }
  }
}
