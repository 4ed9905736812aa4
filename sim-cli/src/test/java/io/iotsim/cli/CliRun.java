package io.iotsim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs an iot-sim command in-process, as the launcher would, capturing its error output. */
record CliRun(int exitCode, String err) {

  static CliRun of(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = IotSimCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, err.toString());
  }
}
