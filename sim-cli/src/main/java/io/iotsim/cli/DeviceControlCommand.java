package io.iotsim.cli;

import io.iotsim.client.IotSimClient;
import io.iotsim.proto.simulator.v1.DeviceSelector;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;

/** stop, pause and resume: one selection of devices, one RPC, a count of devices changed. */
abstract class DeviceControlCommand implements Callable<Integer> {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Selection selection;

  @Mixin RuntimeOption target;

  /** Past tense for the summary line: stopped, paused, resumed. */
  abstract String done();

  /** How many devices changed, and the nodes that did not answer (not counted). */
  record Counted(int devices, List<String> missingNodes) {}

  abstract CompletionStage<Counted> send(IotSimClient client, DeviceSelector selector);

  @Override
  public final Integer call() throws Exception {
    DeviceSelector selector = selection.toProto();
    try (IotSimClient client = target.connect()) {
      Counted n = send(client, selector).toCompletableFuture().get(5, TimeUnit.MINUTES);
      System.out.println(done() + " " + n.devices() + " devices");
      Partial.print(n.missingNodes());
    }
    return CliErrors.OK;
  }
}
