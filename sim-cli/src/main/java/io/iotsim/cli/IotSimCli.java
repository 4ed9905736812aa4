package io.iotsim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code iot-sim} command line: a node, the embedded run and bench, and the gRPC clients that
 * drive a running node. Exit codes: 0 success, 2 bad input (the message names the problem), 1
 * failure.
 */
@Command(
    name = "iot-sim",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Simulates fleets of IoT devices on Apache Pekko.",
    subcommands = {
      NodeCommand.class,
      RunCommand.class,
      BenchCommand.class,
      SpawnCommand.class,
      StopCommand.class,
      StatusCommand.class,
      RuntimeCommand.class,
      ClusterCommand.class,
      StreamCommand.class,
      EventsCommand.class,
      PauseCommand.class,
      ResumeCommand.class,
      UpdateCommand.class,
      FaultCommand.class,
      ScenarioCommand.class,
      CommandLine.HelpCommand.class
    })
public final class IotSimCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Only a node logs at INFO; client commands and embedded runs keep stderr for problems.
    boolean node = args.length > 0 && args[0].equals("node");
    // SLF4J's own notices (e.g. replayed start-up calls) are noise on a command's stderr.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    if (System.getProperty("iotsim.log.level") == null
        && System.getenv("IOT_SIM_LOG_LEVEL") == null) {
      System.setProperty("iotsim.log.level", node ? "INFO" : "WARN");
    }
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests to run commands in-process. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new IotSimCli());
    cli.setExecutionExceptionHandler(new CliErrors());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
