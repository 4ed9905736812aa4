package io.iotsim.cluster.fleet;

import io.iotsim.cluster.hub.Hub;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import kamon.Kamon;
import kamon.metric.Counter;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.pf.PFBuilder;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.stream.javadsl.MergeHub;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client stream of the whole cluster: this node's feed merged with a StreamRef from every other
 * node's agent (each filtered at its source). Agents that appear later (a node joins) are asked
 * when the receptionist lists them; a node that dies ends its own part only, and the client's
 * stream goes on with the rest. What the other nodes lost for this stream arrives with their items
 * and is counted per node ({@code sim_stream_node_drops_total}) and in the feed's dropped count.
 *
 * @param <W> the wire type a StreamRef carries
 * @param <O> the agent's offer (its node and StreamRef)
 * @param <T> what the client reads
 */
final class StreamFanIn<W, O, T> {

  private static final Logger log = LoggerFactory.getLogger(StreamFanIn.class);

  /** Items each node's part may hold at the merge before it waits for the client. */
  private static final int PER_NODE_BUFFER = 64;

  private final ActorSystem<?> system;
  private final AgentBook book;
  private final Duration timeout;
  private final String stream;
  private final Function<ActorRef<O>, FleetAgent.Command> open;
  private final Function<O, SourceRef<W>> refOf;
  private final Function<W, T> unwrap;
  private final ToLongFunction<W> lostBefore;

  StreamFanIn(
      ActorSystem<?> system,
      AgentBook book,
      Duration timeout,
      String stream,
      Function<ActorRef<O>, FleetAgent.Command> open,
      Function<O, SourceRef<W>> refOf,
      Function<W, T> unwrap,
      ToLongFunction<W> lostBefore) {
    this.system = system;
    this.book = book;
    this.timeout = timeout;
    this.stream = stream;
    this.open = open;
    this.refOf = refOf;
    this.unwrap = unwrap;
    this.lostBefore = lostBefore;
  }

  /** The merged feed; {@code local} is this node's own (read without crossing the wire). */
  Hub.Feed<T> merge(Class<T> type, Hub.Feed<T> local) {
    LongAdder remoteLost = new LongAdder();
    AtomicReference<Runnable> unlisten = new AtomicReference<>(() -> {});
    Source<T, NotUsed> merged =
        MergeHub.of(type, PER_NODE_BUFFER)
            .mapMaterializedValue(
                sink -> {
                  local.source().runWith(sink, system);
                  unlisten.set(connectOthers(sink, remoteLost));
                  return NotUsed.getInstance();
                })
            .watchTermination(
                (nu, done) -> {
                  done.whenComplete((d, e) -> unlisten.get().run());
                  return NotUsed.getInstance();
                });
    return new Hub.Feed<>(
        merged, () -> local.takeDropped().getAsLong() + remoteLost.sumThenReset());
  }

  private Runnable connectOthers(Sink<T, NotUsed> sink, LongAdder remoteLost) {
    Set<ActorRef<FleetAgent.Command>> connected = ConcurrentHashMap.newKeySet();
    return book.listen(
        agents -> {
          for (ActorRef<FleetAgent.Command> agent : agents.all()) {
            if (agent.path().address().hasLocalScope()
                || agents.unreachable().contains(agent)
                || !connected.add(agent)) {
              continue;
            }
            connect(agent, sink, remoteLost, () -> connected.remove(agent));
          }
        });
  }

  private void connect(
      ActorRef<FleetAgent.Command> agent,
      Sink<T, NotUsed> sink,
      LongAdder remoteLost,
      Runnable gone) {
    String node = NodeName.ofRef(agent, system);
    Counter drops =
        Kamon.counter(
                "sim_stream_node_drops_total",
                "Items a source node lost for streams opened on this node (its queue was full)")
            .withTag("node", node)
            .withTag("stream", stream);
    AskPattern.<FleetAgent.Command, O>ask(agent, open::apply, timeout, system.scheduler())
        .whenComplete(
            (offer, e) -> {
              if (e != null) {
                log.warn("{} stream: node {} offered no stream ({})", stream, node, e.toString());
                gone.run();
                return;
              }
              refOf
                  .apply(offer)
                  .getSource()
                  .map(
                      w -> {
                        long lost = lostBefore.applyAsLong(w);
                        if (lost > 0) {
                          remoteLost.add(lost);
                          drops.increment(lost);
                        }
                        return unwrap.apply(w);
                      })
                  // a node that dies ends its own part; the client's stream goes on
                  .recoverWithRetries(
                      1,
                      new PFBuilder<Throwable, Source<T, NotUsed>>()
                          .matchAny(
                              t -> {
                                log.info(
                                    "{} stream: node {} left it ({})", stream, node, t.toString());
                                return Source.empty();
                              })
                          .build())
                  .watchTermination(
                      (nu, done) -> {
                        done.whenComplete((d, x) -> gone.run());
                        return NotUsed.getInstance();
                      })
                  .runWith(sink, system);
            });
  }
}
