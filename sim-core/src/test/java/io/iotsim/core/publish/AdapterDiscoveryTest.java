package io.iotsim.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The node finds the protocol adapters by ServiceLoader alone, never by class name. */
class AdapterDiscoveryTest {

  @Test
  void everyProtocolOfTheReferenceDesignHasAFactory() {
    assertThat(
            ServiceLoader.load(PublisherFactory.class).stream()
                .map(provider -> provider.get().protocol()))
        .contains("mqtt", "amqp", "http", "coap")
        .doesNotHaveDuplicates();
  }
}
