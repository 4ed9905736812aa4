package io.iotsim.core.publish.amqp;

import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.PublisherContext;
import io.iotsim.core.publish.PublisherFactory;

/** AMQP 0-9-1 over com.rabbitmq:amqp-client (Pekko Connectors AMQP is not available here). */
public final class AmqpPublisherFactory implements PublisherFactory {

  @Override
  public String protocol() {
    return "amqp";
  }

  @Override
  public Publisher create(PublisherContext context) {
    return new AmqpPublisher(AmqpSettings.from(context));
  }
}
