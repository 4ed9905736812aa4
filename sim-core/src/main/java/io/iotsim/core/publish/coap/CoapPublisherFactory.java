package io.iotsim.core.publish.coap;

import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.PublisherContext;
import io.iotsim.core.publish.PublisherFactory;

/** CoAP (and CoAP over DTLS with a pre-shared key) with Eclipse Californium. */
public final class CoapPublisherFactory implements PublisherFactory {

  @Override
  public String protocol() {
    return "coap";
  }

  @Override
  public Publisher create(PublisherContext context) {
    return new CoapPublisher(CoapSettings.from(context));
  }
}
