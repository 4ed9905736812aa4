package io.iotsim.cli;

import io.iotsim.core.scenario.ProfileResolver;
import io.iotsim.core.scenario.ScenarioParser;
import io.iotsim.proto.simulator.v1.ScenarioJob;
import io.iotsim.proto.simulator.v1.ScenarioState;
import io.iotsim.proto.simulator.v1.SubmitScenarioRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code iot-sim scenario run|list|status|cancel}: scenario jobs on a running node. */
@Command(
    name = "scenario",
    mixinStandardHelpOptions = true,
    description = "Run and follow scenario jobs on a node.",
    subcommands = {
      ScenarioCommand.Run.class,
      ScenarioCommand.ListJobs.class,
      ScenarioCommand.Status.class,
      ScenarioCommand.Cancel.class
    })
final class ScenarioCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static String line(ScenarioJob j) {
    return String.format(
        "%-28s %-10s step %d/%d  sim %s  %s%s",
        j.getScenarioId(),
        j.getState()
            .name()
            .substring("SCENARIO_STATE_".length())
            .toLowerCase(java.util.Locale.ROOT),
        j.getStepsDone(),
        j.getStepsTotal(),
        Instant.ofEpochSecond(j.getSimTime().getSeconds(), j.getSimTime().getNanos()),
        j.getCurrentStep(),
        j.getFailureReason().isEmpty() ? "" : "  reason: " + j.getFailureReason());
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Submit a scenario file and follow it to its end (exit 0 succeeded, 1 failed).")
  static final class Run implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "Scenario file (YAML).")
    Path file;

    @Option(
        names = "--speed",
        paramLabel = "N|max",
        description = "Set the node's speed (simulated seconds per wall second) for the run.")
    String speed;

    @Mixin RuntimeOption target;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      // checked here first, so a bad file fails with its lines before any call
      ScenarioParser.load(file);
      ProfileResolver.near(file);
      if (speed != null) {
        io.iotsim.cluster.grpc.ScenarioSpeed.check(speed);
      }
      String source = Files.readString(file, StandardCharsets.UTF_8);
      String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      try (io.iotsim.client.IotSimClient client = target.connect()) {
        ScenarioJob job =
            client
                .submitScenario(
                    SubmitScenarioRequest.newBuilder()
                        .setSource(source)
                        .setName(name)
                        .setSpeed(speed == null ? "" : speed)
                        .build(),
                    io.iotsim.client.CallOptions.deadline(java.time.Duration.ofMinutes(1)))
                .toCompletableFuture()
                .get(1, TimeUnit.MINUTES);
        try (ProgressBar bar =
            new ProgressBarBuilder()
                .setTaskName(job.getScenarioId())
                .setInitialMax(Math.max(1, job.getStepsTotal()))
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .build()) {
          while (true) {
            job =
                client.scenario(job.getScenarioId()).toCompletableFuture().get(1, TimeUnit.MINUTES);
            bar.maxHint(Math.max(job.getStepsTotal(), job.getStepsDone()));
            bar.stepTo(job.getStepsDone());
            bar.setExtraMessage(job.getCurrentStep());
            if (job.getState() == ScenarioState.SCENARIO_STATE_SUCCEEDED
                || job.getState() == ScenarioState.SCENARIO_STATE_FAILED
                || job.getState() == ScenarioState.SCENARIO_STATE_CANCELLED) {
              break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
          }
        }
        System.out.println(line(job));
        if (job.getState() != ScenarioState.SCENARIO_STATE_SUCCEEDED) {
          spec.commandLine()
              .getErr()
              .println(
                  "iot-sim scenario run: " + job.getScenarioId() + " " + job.getFailureReason());
          return CliErrors.FAILURE;
        }
      }
      return CliErrors.OK;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the node's scenario jobs.")
  static final class ListJobs implements Callable<Integer> {
    @Mixin RuntimeOption target;

    @Override
    public Integer call() throws Exception {
      try (io.iotsim.client.IotSimClient client = target.connect()) {
        client
            .listScenarios()
            .toCompletableFuture()
            .get(1, TimeUnit.MINUTES)
            .getJobsList()
            .forEach(j -> System.out.println(line(j)));
      }
      return CliErrors.OK;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show one scenario job.")
  static final class Status implements Callable<Integer> {
    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--json", description = "As JSON.")
    boolean json;

    @Mixin RuntimeOption target;

    @Override
    public Integer call() throws Exception {
      try (io.iotsim.client.IotSimClient client = target.connect()) {
        ScenarioJob j = client.scenario(id).toCompletableFuture().get(1, TimeUnit.MINUTES);
        System.out.println(json ? ProtoJson.print(j) : line(j));
      }
      return CliErrors.OK;
    }
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancel a running scenario job (the node and its devices keep running).")
  static final class Cancel implements Callable<Integer> {
    @Parameters(paramLabel = "ID")
    String id;

    @Mixin RuntimeOption target;

    @Override
    public Integer call() throws Exception {
      try (io.iotsim.client.IotSimClient client = target.connect()) {
        ScenarioJob j = client.cancelScenario(id).toCompletableFuture().get(1, TimeUnit.MINUTES);
        System.out.println(line(j));
      }
      return CliErrors.OK;
    }
  }
}
