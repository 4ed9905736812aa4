package io.iotsim.cluster.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Asks every node's fleet agent the same question and gathers the answers by node. An agent on an
 * unreachable node is not asked, and one that does not answer within the timeout is left out: both
 * are named in {@link Gathered#missing}, so the merged answer says it is partial.
 */
final class FanOut {

  /** The answers by node name, and the nodes that gave none. */
  record Gathered<R>(Map<String, R> answers, List<String> missing) {}

  private final ActorSystem<?> system;
  private final AgentBook book;

  FanOut(ActorSystem<?> system, AgentBook book) {
    this.system = system;
    this.book = book;
  }

  <R> CompletionStage<Gathered<R>> ask(
      Function<ActorRef<R>, FleetAgent.Command> question, Duration timeout) {
    AgentBook.Agents agents = book.agents();
    List<String> unreachable = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    Map<String, R> answers = new TreeMap<>();
    for (ActorRef<FleetAgent.Command> agent : agents.all()) {
      String node = NodeName.ofRef(agent, system);
      if (agents.unreachable().contains(agent)) {
        unreachable.add(node);
        continue;
      }
      pending.add(
          AskPattern.<FleetAgent.Command, R>ask(agent, question::apply, timeout, system.scheduler())
              .handle(
                  (r, e) -> {
                    synchronized (answers) {
                      if (e == null) {
                        answers.put(node, r);
                      } else {
                        missing.add(node);
                      }
                    }
                    return (Void) null;
                  })
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              synchronized (answers) {
                List<String> names = new ArrayList<>(missing);
                names.addAll(unreachable);
                java.util.Collections.sort(names);
                return new Gathered<>(new TreeMap<>(answers), names);
              }
            });
  }
}
