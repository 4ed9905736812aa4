package io.iotsim.cluster.registry;

import io.iotsim.core.CborSerializable;
import io.iotsim.core.device.BehaviourUpdate;
import io.iotsim.core.fault.FaultSpec;
import io.iotsim.core.selector.Selector;

/**
 * One operation applied to devices, as the replicated log keeps it: what it did, to which devices
 * (the selector's expression, so a device recreated anywhere finds the entries that match it), and
 * when in simulated time. Entries are ordered by {@code (simMillis, opId)}.
 *
 * @param opId unique, time-ordered on one node (the log's key)
 * @param fault the fault, for {@link Kind#FAULT}; else null
 * @param update the update, for {@link Kind#UPDATE}; else null
 */
public record LoggedOp(
    String opId,
    Kind kind,
    String selector,
    long simMillis,
    FaultSpec fault,
    BehaviourUpdate update)
    implements CborSerializable {

  /** What an entry did. */
  public enum Kind {
    UPDATE,
    FAULT,
    PAUSE,
    RESUME,
    STOP
  }

  public static LoggedOp of(Kind kind, Selector selector, long simMillis) {
    return new LoggedOp(OpIds.next(), kind, selector.toString(), simMillis, null, null);
  }

  public static LoggedOp fault(Selector selector, FaultSpec fault, long simMillis) {
    return new LoggedOp(OpIds.next(), Kind.FAULT, selector.toString(), simMillis, fault, null);
  }

  public static LoggedOp update(Selector selector, BehaviourUpdate update, long simMillis) {
    return new LoggedOp(OpIds.next(), Kind.UPDATE, selector.toString(), simMillis, null, update);
  }
}
