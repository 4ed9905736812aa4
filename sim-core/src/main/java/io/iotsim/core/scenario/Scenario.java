package io.iotsim.core.scenario;

/** A scenario: a name and what it does through its {@link ScenarioContext}. */
public interface Scenario {

  String name();

  /** Steps it announces, for progress (0 when unknown). */
  default int stepsTotal() {
    return 0;
  }

  void run(ScenarioContext ctx) throws Exception;

  /** What a Java scenario needs to say: its body. */
  @FunctionalInterface
  interface Body {
    void run(ScenarioContext ctx) throws Exception;
  }

  static Scenario of(String name, Body body) {
    return new Scenario() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void run(ScenarioContext ctx) throws Exception {
        body.run(ctx);
      }
    };
  }
}
