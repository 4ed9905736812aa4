package io.iotsim.core.publish;

import com.typesafe.config.Config;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What a {@link PublisherFactory} gets: the actor system (for Pekko HTTP pools, streams and
 * blocking-I/O dispatchers), the node's {@code iot-sim} configuration, and the profile's {@code
 * protocol_options} that override it.
 *
 * @param settings the {@code iot-sim} config block (e.g. {@code settings.getConfig("mqtt")})
 * @param profileOptions the profile's protocol_options, empty when it has none
 */
public record PublisherContext(
    ActorSystem<?> system, Config settings, Map<String, Object> profileOptions) {}
