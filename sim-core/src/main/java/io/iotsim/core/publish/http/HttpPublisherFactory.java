package io.iotsim.core.publish.http;

import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.PublisherContext;
import io.iotsim.core.publish.PublisherFactory;

/** HTTP POST of JSON batches through Pekko HTTP's client pool. */
public final class HttpPublisherFactory implements PublisherFactory {

  @Override
  public String protocol() {
    return "http";
  }

  @Override
  public Publisher create(PublisherContext context) {
    return new HttpBatchPublisher(HttpSettings.from(context), context.system());
  }
}
