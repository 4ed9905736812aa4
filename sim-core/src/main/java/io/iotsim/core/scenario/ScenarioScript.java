package io.iotsim.core.scenario;

import io.iotsim.core.device.BehaviourUpdate;
import io.iotsim.core.selector.Selector;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario file, parsed and checked ({@link ScenarioParser}); runs its steps through a context.
 */
public final class ScenarioScript implements Scenario {

  private final String name;
  private final String description;
  private final List<Step> steps;

  public ScenarioScript(String name, String description, List<Step> steps) {
    this.name = name;
    this.description = description;
    this.steps = List.copyOf(steps);
  }

  @Override
  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public List<Step> steps() {
    return steps;
  }

  /** Steps once repeats are unrolled (a rollout counts one). */
  @Override
  public int stepsTotal() {
    return count(steps);
  }

  private static int count(List<Step> steps) {
    int n = 0;
    for (Step s : steps) {
      n += s instanceof Step.Repeat r ? r.times() * count(r.steps()) : 1;
    }
    return n;
  }

  /**
   * Simulated time the scenario takes, when it has no rollout (whose length depends on the fleet).
   */
  public Duration plannedDuration() {
    return duration(steps);
  }

  private static Duration duration(List<Step> steps) {
    Duration d = Duration.ZERO;
    for (Step s : steps) {
      if (s instanceof Step.Wait w) {
        d = d.plus(w.duration());
      } else if (s instanceof Step.Repeat r) {
        d = d.plus(duration(r.steps()).multipliedBy(r.times()));
      }
    }
    return d;
  }

  @Override
  public void run(ScenarioContext ctx) {
    run(steps, ctx, -1);
  }

  private void run(List<Step> list, ScenarioContext ctx, int i) {
    for (Step step : list) {
      apply(step, ctx, i);
    }
  }

  private void apply(Step step, ScenarioContext ctx, int i) {
    if (step instanceof Step.Spawn s) {
      ctx.spawn(s.profile(), s.count(), subst(s.labels(), i));
    } else if (step instanceof Step.Control c) {
      Selector selector = Selector.parse(subst(c.selector(), i));
      switch (c.kind()) {
        case "stop" -> ctx.stop(selector);
        case "pause" -> ctx.pause(selector);
        default -> ctx.resume(selector);
      }
    } else if (step instanceof Step.Fault f) {
      ctx.injectFault(Selector.parse(subst(f.selector(), i)), f.type(), f.duration(), f.params());
    } else if (step instanceof Step.Update u) {
      ctx.update(Selector.parse(subst(u.selector(), i)), subst(u.update(), i));
    } else if (step instanceof Step.Wait w) {
      ctx.waitFor(w.duration());
    } else if (step instanceof Step.Log l) {
      ctx.log(subst(l.message(), i));
    } else if (step instanceof Step.Repeat r) {
      for (int k = 0; k < r.times(); k++) {
        run(r.steps(), ctx, k);
      }
    } else if (step instanceof Step.Rollout r) {
      rollout(r, ctx, i);
    } else if (step instanceof Step.Expect e) {
      FleetCounts counts = ctx.status();
      if (!e.condition().holds(counts)) {
        throw new ScenarioFailedException(
            "line "
                + e.line()
                + ": expect '"
                + e.condition()
                + "' failed: "
                + e.condition().path()
                + " is "
                + counts.value(e.condition().path()));
      }
    }
  }

  private void rollout(Step.Rollout r, ScenarioContext ctx, int i) {
    List<String> ids = ctx.ids(Selector.parse(subst(r.selector(), i)));
    for (int from = 0; from < ids.size(); from += r.batchSize()) {
      if (from > 0 && !r.stagger().isZero()) {
        ctx.waitFor(r.stagger());
      }
      Selector batch = Selector.ids(ids.subList(from, Math.min(ids.size(), from + r.batchSize())));
      if (r.action() instanceof Step.Fault f) {
        ctx.injectFault(batch, f.type(), f.duration(), f.params());
      } else if (r.action() instanceof Step.Update u) {
        ctx.update(batch, subst(u.update(), i));
      }
    }
  }

  static String subst(String text, int i) {
    return i < 0 || text == null ? text : text.replace("{i}", Integer.toString(i));
  }

  private static Map<String, String> subst(Map<String, String> labels, int i) {
    if (i < 0) {
      return labels;
    }
    Map<String, String> out = new LinkedHashMap<>();
    labels.forEach((k, v) -> out.put(k, subst(v, i)));
    return out;
  }

  private static BehaviourUpdate subst(BehaviourUpdate u, int i) {
    if (i < 0 || u.setLabels().isEmpty()) {
      return u;
    }
    return new BehaviourUpdate(
        u.intervalMillis(), u.fields(), subst(u.setLabels(), i), u.removeLabels(), u.atSimMillis());
  }
}
