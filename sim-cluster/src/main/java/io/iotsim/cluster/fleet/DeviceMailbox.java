package io.iotsim.cluster.fleet;

import com.typesafe.config.Config;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MailboxType;
import org.apache.pekko.dispatch.MessageQueue;
import org.apache.pekko.dispatch.ProducesMessageQueue;
import org.apache.pekko.dispatch.UnboundedMessageQueueSemantics;
import scala.Option;

/**
 * The devices' mailbox: an unbounded queue for one consumer that holds nothing while it is empty.
 *
 * <p>Pekko's queues keep a node even when empty (the last message's, or a stub): 24 B more per
 * device, and a reference from every long-lived device to a short-lived node, which the collector
 * then has to trace or scan. Here senders push onto a lock-free stack and the device, the only
 * consumer, takes the whole stack at once and reverses it, so messages still arrive in the order
 * they were sent. A send touches only the queue itself (Pekko's also writes the previous node), one
 * cache line less on the ticker's path to a million devices.
 */
public final class DeviceMailbox implements MailboxType, ProducesMessageQueue<DeviceMailbox.Queue> {

  /** The config path that selects this mailbox ({@code iot-sim-pekko.conf}). */
  public static final String CONFIG_PATH = "iot-sim.device-mailbox";

  public DeviceMailbox(ActorSystem.Settings settings, Config config) {}

  @Override
  public MessageQueue create(Option<ActorRef> owner, Option<ActorSystem> system) {
    return new Queue();
  }

  /** One device's messages; any thread sends, only the device's mailbox run takes. */
  public static final class Queue implements MessageQueue, UnboundedMessageQueueSemantics {

    private static final VarHandle INCOMING;
    private static final VarHandle TAKEN;

    static {
      try {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        INCOMING = lookup.findVarHandle(Queue.class, "incoming", Node.class);
        TAKEN = lookup.findVarHandle(Queue.class, "taken", Node.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private static final class Node {
      final Envelope envelope;
      Node next;

      Node(Envelope envelope) {
        this.envelope = envelope;
      }
    }

    /** Sent and not yet taken, newest first. */
    @SuppressWarnings("unused") // through INCOMING
    private volatile Node incoming;

    /**
     * Taken from {@link #incoming} and not yet handed out, oldest first. Written by the consumer
     * only; published with release semantics so that {@link #hasMessages} is right on any thread.
     */
    @SuppressWarnings("unused") // through TAKEN
    private Node taken;

    @Override
    public void enqueue(ActorRef receiver, Envelope handle) {
      Node node = new Node(handle);
      Node head;
      do {
        head = (Node) INCOMING.getAcquire(this);
        node.next = head;
      } while (!INCOMING.weakCompareAndSetRelease(this, head, node));
    }

    @Override
    public Envelope dequeue() {
      Node first = (Node) TAKEN.getAcquire(this);
      if (first == null) {
        Node newest = (Node) INCOMING.getAndSet(this, (Node) null);
        if (newest == null) {
          return null;
        }
        first = reverse(newest);
      }
      TAKEN.setRelease(this, first.next);
      return first.envelope;
    }

    private static Node reverse(Node newest) {
      Node reversed = null;
      for (Node n = newest; n != null; ) {
        Node next = n.next;
        n.next = reversed;
        reversed = n;
        n = next;
      }
      return reversed;
    }

    @Override
    public boolean hasMessages() {
      return TAKEN.getAcquire(this) != null || INCOMING.getAcquire(this) != null;
    }

    /** A count for diagnostics; exact only on the consumer's thread. */
    @Override
    public int numberOfMessages() {
      int n = 0;
      for (Node t = (Node) TAKEN.getAcquire(this); t != null; t = t.next) {
        n++;
      }
      for (Node i = (Node) INCOMING.getAcquire(this); i != null; i = i.next) {
        n++;
      }
      return n;
    }

    @Override
    public void cleanUp(ActorRef owner, MessageQueue deadLetters) {
      for (Envelope e = dequeue(); e != null; e = dequeue()) {
        deadLetters.enqueue(owner, e);
      }
    }
  }
}
