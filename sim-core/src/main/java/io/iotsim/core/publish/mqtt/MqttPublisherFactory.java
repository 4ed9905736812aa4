package io.iotsim.core.publish.mqtt;

import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.PublisherContext;
import io.iotsim.core.publish.PublisherFactory;

/** MQTT over the HiveMQ async client: pooled connections (default) or one per device. */
public final class MqttPublisherFactory implements PublisherFactory {

  @Override
  public String protocol() {
    return "mqtt";
  }

  @Override
  public Publisher create(PublisherContext context) {
    MqttSettings settings = MqttSettings.from(context);
    return switch (settings.connection()) {
      case POOLED -> new PooledMqttPublisher(settings);
      case PER_DEVICE -> new PerDeviceMqttPublisher(settings);
    };
  }
}
