package io.iotsim.core.publish.coap;

import io.iotsim.core.publish.DropOldest;
import io.iotsim.core.publish.EncodedReading;
import io.iotsim.core.publish.Publisher;
import io.iotsim.core.publish.PublisherStats;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;

/**
 * CoAP POSTs with Californium: one UDP (or DTLS) endpoint for all devices, asynchronous requests,
 * at most max-in-flight outstanding. CON requests count when their response arrives (after
 * Californium's retransmissions); NON requests count once written, and their exchange is then
 * dropped so unanswered NONs do not pile up. Readings wait in a bounded queue (drop-oldest) and one
 * sender thread moves them out as in-flight slots free up.
 */
final class CoapPublisher implements Publisher {

  private record Outgoing(String uri, byte[] payload, long handedOverNanos, String deviceType) {}

  private final CoapSettings settings;
  private final PublisherStats stats = new PublisherStats("coap");
  private final ArrayBlockingQueue<Outgoing> queue;
  private final CoapEndpoint endpoint;
  private final ExecutorService sender;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean closing;

  CoapPublisher(CoapSettings settings) {
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(settings.queueSize());
    this.endpoint = CoapEndpoints.client(settings);
    try {
      endpoint.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot open the CoAP client endpoint", e);
    }
    this.sender =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "iot-sim-coap-sender");
              thread.setDaemon(true);
              return thread;
            });
    stats.queueDepth(() -> queue.size() + inFlight.get());
  }

  @Override
  public String protocol() {
    return "coap";
  }

  @Override
  public boolean publish(EncodedReading reading) {
    if (closing) {
      stats.dropped();
      return false;
    }
    Outgoing message =
        new Outgoing(settings.uriOf(reading.deviceId()), reading.copyPayload(), System.nanoTime(), reading.deviceType());
    DropOldest.offer(queue, message, stats);
    signal();
    return true;
  }

  @Override
  public double queueFill() {
    return Math.min(1.0, (double) queue.size() / settings.queueSize());
  }

  @Override
  public PublisherStats stats() {
    return stats;
  }

  @Override
  public void close() {
    closing = true;
    long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
    while (System.nanoTime() < deadline && (!queue.isEmpty() || inFlight.get() > 0)) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    sender.shutdownNow();
    for (int left = queue.size(); left > 0; left--) {
      stats.dropped();
    }
    endpoint.destroy();
  }

  private void signal() {
    if (scheduled.compareAndSet(false, true)) {
      sender.execute(this::drain);
    }
  }

  private void drain() {
    try {
      while (inFlight.get() < settings.maxInFlight()) {
        Outgoing next = queue.poll();
        if (next == null) {
          break;
        }
        send(next);
      }
    } finally {
      scheduled.set(false);
    }
    if (!queue.isEmpty() && inFlight.get() < settings.maxInFlight()) {
      signal();
    }
  }

  private void send(Outgoing message) {
    Request request = Request.newPost();
    request.setType(settings.confirmable() ? CoAP.Type.CON : CoAP.Type.NON);
    try {
      request.setURI(message.uri());
    } catch (IllegalArgumentException invalid) {
      stats.sentError(message.deviceType());
      return;
    }
    request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
    request.setPayload(message.payload());
    inFlight.incrementAndGet();
    Outcome outcome = new Outcome(request, message);
    request.addMessageObserver(outcome);
    try {
      endpoint.sendRequest(request);
    } catch (RuntimeException e) {
      outcome.failed();
    }
  }

  /** Settles one request exactly once, whichever of Californium's callbacks comes first. */
  private final class Outcome extends MessageObserverAdapter {

    private final Request request;
    private final Outgoing message;
    private final AtomicBoolean settled = new AtomicBoolean();

    Outcome(Request request, Outgoing message) {
      this.request = request;
      this.message = message;
    }

    @Override
    public void onSent(boolean retransmission) {
      if (!settings.confirmable() && settle()) {
        stats.sentOk(message.deviceType(), System.nanoTime() - message.handedOverNanos());
        request.cancel();
      }
    }

    @Override
    public void onResponse(Response response) {
      if (settle()) {
        if (response.isSuccess()) {
          stats.sentOk(message.deviceType(), System.nanoTime() - message.handedOverNanos());
        } else {
          stats.sentError(message.deviceType());
        }
      }
    }

    @Override
    protected void failed() {
      if (settle()) {
        stats.sentError(message.deviceType());
      }
    }

    private boolean settle() {
      if (settled.compareAndSet(false, true)) {
        inFlight.decrementAndGet();
        signal();
        return true;
      }
      return false;
    }
  }
}
