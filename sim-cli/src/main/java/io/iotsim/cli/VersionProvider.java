package io.iotsim.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, or "dev" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = IotSimCli.class.getPackage().getImplementationVersion();
    return new String[] {"iot-sim " + (v == null ? "dev" : v)};
  }
}
