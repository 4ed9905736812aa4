package io.iotsim.http.api;

import java.util.List;
import java.util.Map;

/** Bodies of the dashboard's endpoints (snake_case in JSON). */
public final class DashboardViews {

  private DashboardViews() {}

  /**
   * @param node the address of the node that runs the device
   */
  public record TableRow(
      String deviceId, String deviceType, String state, Map<String, String> labels, String node) {}

  /**
   * @param total how many devices match the filters (all pages) on the nodes that answered
   * @param missingNodes nodes that did not answer in time: their devices are not in the table
   */
  public record Table(List<TableRow> devices, long total, int offset, List<String> missingNodes) {}

  public record ActiveFault(
      String faultType,
      String startedAt,
      String endsAt,
      double remainingSeconds,
      int devices,
      List<String> deviceTypes,
      Map<String, String> params) {}

  /**
   * @param lostEvents fault events the nodes' boards missed under load (device counts may be low)
   * @param missingNodes nodes that did not answer in time: their devices' faults are not counted
   */
  public record ActiveFaults(
      List<ActiveFault> faults, String simTime, long lostEvents, List<String> missingNodes) {}

  /**
   * @param line 1-based, null when the problem has no line
   */
  public record ScenarioProblem(Integer line, String message) {}

  public record Validation(
      boolean valid,
      String name,
      int stepsTotal,
      double plannedSeconds,
      List<ScenarioProblem> problems) {}

  public record ScenarioFile(String name, String file, String source) {}

  /**
   * @param simTimeMillis simulated time, epoch milliseconds
   * @param wallTimeMillis this node's wall clock when it read {@code simTimeMillis}: nodes of one
   *     cluster show the same difference between the two (their clocks follow one epoch)
   * @param nodes the nodes whose clocks this node's scenario jobs hold (itself included)
   */
  public record Clock(
      String simTime, String speed, long simTimeMillis, long wallTimeMillis, int nodes) {}

  public record SpeedRequest(String speed) {}
}
