package io.iotsim.cluster.fleet;

import io.iotsim.core.CborSerializable;
import io.iotsim.core.device.BehaviourUpdate;
import io.iotsim.core.device.DeviceDetail;
import io.iotsim.core.device.EventType;
import io.iotsim.core.device.Lifecycle;
import io.iotsim.core.fault.FaultSpec;
import io.iotsim.core.selector.Selector;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.stream.SourceRef;

/**
 * One per node, registered with the receptionist: answers for this node's devices (its directory
 * and hubs) when any node's {@link Fleet} fans an operation out. Selectors travel as their text and
 * are parsed here; replies name this node.
 */
public final class FleetAgent extends AbstractBehavior<FleetAgent.Command> {

  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "iot-sim-fleet");

  public sealed interface Command extends CborSerializable {}

  /** What a change does. */
  public enum Op {
    STOP,
    PAUSE,
    RESUME,
    FAULT,
    UPDATE
  }

  /** A change to selected devices; {@code fault} / {@code update} set for FAULT / UPDATE only. */
  public record Change(Op op, FaultSpec fault, BehaviourUpdate update)
      implements CborSerializable {}

  public record Size(ActorRef<SizeReply> replyTo) implements Command {}

  public record SizeReply(String node, int devices, int maxDevices) implements CborSerializable {}

  /** What this node holds, for the cluster status: devices and shards of the device type. */
  public record Describe(ActorRef<NodeReport> replyTo) implements Command {}

  /** {@code shards} is -1 when the shard region did not say in time. */
  public record NodeReport(String node, int devices, int maxDevices, int shards)
      implements CborSerializable {}

  private record Described(ActorRef<NodeReport> replyTo, int shards) implements Command {}

  public record Status(String selector, ActorRef<StatusReply> replyTo) implements Command {}

  public record StatusReply(String node, FleetStatus status) implements CborSerializable {}

  /** Up to {@code limit} devices after {@code cursor} (null: from the first), in id order. */
  public record Page(
      String selector, Lifecycle state, int limit, String cursor, ActorRef<PageReply> replyTo)
      implements Command {}

  public record PageReply(String node, List<DeviceRow> rows, boolean more)
      implements CborSerializable {}

  /**
   * This node's devices of the dashboard's table, in its order, offered as a stream: the entry node
   * merges every node's. Only the first {@code upTo} (the page's offset + limit) can be on the
   * page, so no more are sent.
   */
  public record Table(
      String selector,
      Lifecycle state,
      DeviceTable.Sort sort,
      boolean descending,
      long upTo,
      ActorRef<TableOffer> replyTo)
      implements Command {}

  /**
   * {@code total}: how many devices match here; {@code rows}: the first {@code upTo} of them, in
   * the table's order.
   */
  public record TableOffer(String node, long total, SourceRef<DeviceRow> rows)
      implements CborSerializable {}

  public record Faults(ActorRef<FaultsReply> replyTo) implements Command {}

  /** This node's active faults, and the fault events its board missed (counts may be low). */
  public record FaultsReply(String node, List<ActiveFault> faults, long lostEvents)
      implements CborSerializable {}

  public record Get(String deviceId, ActorRef<GetReply> replyTo) implements Command {}

  /** {@code detail} is null when the device is not on this node. */
  public record GetReply(String node, DeviceDetail detail) implements CborSerializable {}

  /** Checks a change here without applying it; {@code error} is null when it may apply. */
  public record Check(String selector, Change change, ActorRef<CheckReply> replyTo)
      implements Command {}

  public record CheckReply(String node, int matched, String error) implements CborSerializable {}

  public record Apply(String selector, Change change, ActorRef<ApplyReply> replyTo)
      implements Command {}

  public record ApplyReply(String node, int matched, int changed) implements CborSerializable {}

  /** Opens a stream of this node's readings the selector accepts, offered as a StreamRef. */
  public record OpenTelemetry(String selector, int buffer, ActorRef<TelemetryOffer> replyTo)
      implements Command {}

  public record TelemetryOffer(String node, SourceRef<WireReading> source)
      implements CborSerializable {}

  public record OpenEvents(
      String selector, Set<EventType> types, int buffer, ActorRef<EventOffer> replyTo)
      implements Command {}

  public record EventOffer(String node, SourceRef<WireEvent> source) implements CborSerializable {}

  private record Applied(ActorRef<ApplyReply> replyTo, int matched, int changed, Throwable failure)
      implements Command {}

  static Behavior<Command> create(
      LocalFleet local, LocalFeeds feeds, FaultBoard faults, int maxDevices) {
    return Behaviors.setup(
        ctx -> {
          ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf().narrow()));
          return new FleetAgent(ctx, local, feeds, faults, maxDevices);
        });
  }

  private final LocalFleet local;
  private final LocalFeeds feeds;
  private final FaultBoard faults;
  private final int maxDevices;
  private final String node;

  /** This node's full cluster address: the table names the node of a row by it. */
  private final String address;

  private FleetAgent(
      ActorContext<Command> context,
      LocalFleet local,
      LocalFeeds feeds,
      FaultBoard faults,
      int maxDevices) {
    super(context);
    this.local = local;
    this.feeds = feeds;
    this.faults = faults;
    this.maxDevices = maxDevices;
    this.node = NodeName.self(context.getSystem());
    this.address = context.getSystem().address().toString();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Size.class, this::onSize)
        .onMessage(Describe.class, this::onDescribe)
        .onMessage(Described.class, this::onDescribed)
        .onMessage(Status.class, this::onStatus)
        .onMessage(Page.class, this::onPage)
        .onMessage(Table.class, this::onTable)
        .onMessage(Faults.class, this::onFaults)
        .onMessage(Get.class, this::onGet)
        .onMessage(Check.class, this::onCheck)
        .onMessage(Apply.class, this::onApply)
        .onMessage(Applied.class, this::onApplied)
        .onMessage(OpenTelemetry.class, this::onOpenTelemetry)
        .onMessage(OpenEvents.class, this::onOpenEvents)
        .build();
  }

  private Behavior<Command> onSize(Size m) {
    m.replyTo().tell(new SizeReply(node, local.size(), maxDevices));
    return this;
  }

  private Behavior<Command> onDescribe(Describe m) {
    getContext()
        .ask(
            CurrentShardRegionState.class,
            ClusterSharding.get(getContext().getSystem()).shardState(),
            Duration.ofSeconds(3),
            (ActorRef<CurrentShardRegionState> r) ->
                new GetShardRegionState(DeviceSharding.TYPE_KEY, r),
            (state, e) ->
                new Described(m.replyTo(), state == null ? -1 : state.getShards().size()));
    return this;
  }

  private Behavior<Command> onDescribed(Described m) {
    m.replyTo().tell(new NodeReport(node, local.size(), maxDevices, m.shards()));
    return this;
  }

  private Behavior<Command> onStatus(Status m) {
    m.replyTo().tell(new StatusReply(node, local.status(Selector.parse(m.selector()))));
    return this;
  }

  private Behavior<Command> onPage(Page m) {
    DevicePage page =
        local.page(
            Selector.parse(m.selector()), Optional.ofNullable(m.state()), m.limit(), m.cursor());
    m.replyTo()
        .tell(
            new PageReply(
                node,
                page.devices().stream().map(d -> DeviceRow.of(d, node)).toList(),
                page.nextCursor() != null));
    return this;
  }

  private Behavior<Command> onTable(Table m) {
    List<DeviceRow> rows =
        local.table(
            Selector.parse(m.selector()),
            Optional.ofNullable(m.state()),
            m.sort(),
            m.descending(),
            address);
    List<DeviceRow> first = rows.size() > m.upTo() ? rows.subList(0, (int) m.upTo()) : rows;
    m.replyTo().tell(new TableOffer(node, rows.size(), feeds.rowsRef(first)));
    return this;
  }

  private Behavior<Command> onFaults(Faults m) {
    List<ActiveFault> active = faults.active();
    m.replyTo().tell(new FaultsReply(node, active, faults.lost()));
    return this;
  }

  private Behavior<Command> onGet(Get m) {
    // the device's own answer goes straight back; this agent does not wait for it
    local
        .get(m.deviceId())
        .whenComplete(
            (d, e) -> m.replyTo().tell(new GetReply(node, e == null ? d.orElse(null) : null)));
    return this;
  }

  private Behavior<Command> onCheck(Check m) {
    try {
      int matched = local.check(Selector.parse(m.selector()), m.change());
      m.replyTo().tell(new CheckReply(node, matched, null));
    } catch (IllegalArgumentException e) {
      m.replyTo().tell(new CheckReply(node, 0, e.getMessage()));
    }
    return this;
  }

  private Behavior<Command> onApply(Apply m) {
    getContext()
        .pipeToSelf(
            local.apply(Selector.parse(m.selector()), m.change()),
            (r, e) -> new Applied(m.replyTo(), r == null ? 0 : r[0], r == null ? 0 : r[1], e));
    return this;
  }

  private Behavior<Command> onApplied(Applied m) {
    if (m.failure() != null) {
      getContext().getLog().warn("fleet change failed on this node", m.failure());
    }
    m.replyTo().tell(new ApplyReply(node, m.matched(), m.changed()));
    return this;
  }

  private Behavior<Command> onOpenTelemetry(OpenTelemetry m) {
    m.replyTo()
        .tell(
            new TelemetryOffer(node, feeds.telemetryRef(Selector.parse(m.selector()), m.buffer())));
    return this;
  }

  private Behavior<Command> onOpenEvents(OpenEvents m) {
    m.replyTo()
        .tell(
            new EventOffer(
                node, feeds.eventsRef(Selector.parse(m.selector()), m.types(), m.buffer())));
    return this;
  }
}
