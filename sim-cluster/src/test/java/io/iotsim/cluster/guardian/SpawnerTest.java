package io.iotsim.cluster.guardian;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SpawnerTest {

  static ActorSystem<SpawnProtocol.Command> system;
  static Spawner spawner;

  @BeforeAll
  static void start() {
    system = ActorSystem.create(NodeGuardian.create(), "spawner-test");
    spawner = new Spawner(system, system.scheduler(), Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  @Test
  void childrenAreSpawnedUnderTheGuardian() {
    ActorRef<String> child =
        spawner.<String>spawn(Behaviors.empty(), "fault").toCompletableFuture().join();
    assertThat(child.path().parent()).isEqualTo(system.path());
    assertThat(child.path().name()).isEqualTo("fault");
  }

  @Test
  void takenAndUnsafeNamesStillSpawn() {
    ActorRef<String> a =
        spawner.<String>spawn(Behaviors.empty(), "scenario-ramp up/1").toCompletableFuture().join();
    ActorRef<String> b =
        spawner.<String>spawn(Behaviors.empty(), "scenario-ramp up/1").toCompletableFuture().join();
    assertThat(a.path().name()).isEqualTo("scenario-ramp_up_1");
    assertThat(b.path()).isNotEqualTo(a.path());
    assertThat(b.path().parent()).isEqualTo(system.path());
  }
}
