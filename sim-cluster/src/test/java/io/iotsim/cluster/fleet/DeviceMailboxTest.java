package io.iotsim.cluster.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MessageQueue;
import org.junit.jupiter.api.Test;

class DeviceMailboxTest {

  private static Envelope envelope(Object message) {
    return new Envelope(message, ActorRef.noSender());
  }

  @Test
  void messagesComeOutInTheOrderTheyWentIn() {
    DeviceMailbox.Queue queue = new DeviceMailbox.Queue();
    assertThat(queue.hasMessages()).isFalse();
    assertThat(queue.dequeue()).isNull();

    queue.enqueue(ActorRef.noSender(), envelope(1));
    queue.enqueue(ActorRef.noSender(), envelope(2));
    assertThat(queue.hasMessages()).isTrue();
    assertThat(queue.numberOfMessages()).isEqualTo(2);
    assertThat(queue.dequeue().message()).isEqualTo(1);
    // sent while earlier ones are being taken: still after them
    queue.enqueue(ActorRef.noSender(), envelope(3));
    assertThat(queue.numberOfMessages()).isEqualTo(2);
    assertThat(queue.dequeue().message()).isEqualTo(2);
    assertThat(queue.dequeue().message()).isEqualTo(3);
    assertThat(queue.hasMessages()).isFalse();
    assertThat(queue.numberOfMessages()).isZero();
    assertThat(queue.dequeue()).isNull();
  }

  @Test
  void cleanUpHandsWhatIsLeftToDeadLettersInOrder() {
    DeviceMailbox.Queue queue = new DeviceMailbox.Queue();
    DeviceMailbox.Queue deadLetters = new DeviceMailbox.Queue();
    for (int i = 0; i < 5; i++) {
      queue.enqueue(ActorRef.noSender(), envelope(i));
    }
    queue.dequeue();
    queue.cleanUp(ActorRef.noSender(), deadLetters);
    assertThat(queue.hasMessages()).isFalse();
    List<Object> dead = drain(deadLetters);
    assertThat(dead).containsExactly(1, 2, 3, 4);
  }

  @Test
  void manySendersOneConsumerLoseNothingAndKeepEachSendersOrder() throws Exception {
    DeviceMailbox.Queue queue = new DeviceMailbox.Queue();
    int senders = 4;
    int perSender = 200_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      int sender = s;
      Thread t =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perSender; i++) {
                  queue.enqueue(ActorRef.noSender(), envelope(new long[] {sender, i}));
                }
              });
      t.start();
      threads.add(t);
    }
    start.countDown();
    long[] next = new long[senders];
    int received = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (received < senders * perSender && System.nanoTime() < deadline) {
      Envelope e = queue.dequeue();
      if (e == null) {
        Thread.onSpinWait();
        continue;
      }
      long[] m = (long[]) e.message();
      assertThat(m[1]).as("sender %d's next message", m[0]).isEqualTo(next[(int) m[0]]);
      next[(int) m[0]]++;
      received++;
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(received).isEqualTo(senders * perSender);
    assertThat(queue.hasMessages()).isFalse();
  }

  /** An actor on this mailbox, as the devices run: what it is sent it receives, in order. */
  @Test
  void anActorOnThisMailboxReceivesEveryMessageInOrder() {
    ActorTestKit kit =
        ActorTestKit.create(
            ConfigFactory.parseString(
                DeviceMailbox.CONFIG_PATH
                    + ".mailbox-type = \""
                    + DeviceMailbox.class.getName()
                    + "\""));
    try {
      TestProbe<Integer> probe = kit.createTestProbe();
      org.apache.pekko.actor.typed.ActorRef<Integer> echo =
          kit.spawn(
              Behaviors.<Integer>receiveMessage(
                  m -> {
                    probe.ref().tell(m);
                    return Behaviors.same();
                  }),
              "echo",
              MailboxSelector.fromConfig(DeviceMailbox.CONFIG_PATH));
      int n = 10_000;
      for (int i = 0; i < n; i++) {
        echo.tell(i);
      }
      for (int i = 0; i < n; i++) {
        probe.expectMessage(i);
      }
    } finally {
      kit.shutdownTestKit();
    }
  }

  private static List<Object> drain(MessageQueue queue) {
    List<Object> out = new ArrayList<>();
    for (Envelope e = queue.dequeue(); e != null; e = queue.dequeue()) {
      out.add(e.message());
    }
    return out;
  }
}
