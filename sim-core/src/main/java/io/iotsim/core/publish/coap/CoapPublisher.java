package io.iotsim.core.publish.coap;

import io.iotsim.core.publish.DaemonThreads;
import io.iotsim.core.publish.QueuedReading;
import io.iotsim.core.publish.QueueingPublisher;
import io.iotsim.core.publish.SendQueue;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
final class CoapPublisher extends QueueingPublisher {

  private final CoapSettings settings;
  private final SendQueue queue;
  private final CoapEndpoint endpoint;
  private final ExecutorService sender;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  CoapPublisher(CoapSettings settings) {
    super("coap");
    this.settings = settings;
    this.queue = new SendQueue(settings.queueSize(), stats);
    this.endpoint = CoapEndpoints.client(settings);
    try {
      endpoint.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot open the CoAP client endpoint", e);
    }
    this.sender = Executors.newSingleThreadExecutor(DaemonThreads.named("iot-sim-coap-sender"));
    stats.queueDepth(() -> queue.size() + inFlight.get());
  }

  @Override
  protected boolean enqueue(QueuedReading reading) {
    queue.offer(reading, holdWhenFull());
    signal();
    return true;
  }

  @Override
  public double queueFill() {
    return queue.fill(0);
  }

  @Override
  public long room() {
    return queue.room(inFlight.get());
  }

  @Override
  public void close() {
    stopTakingAndDrain(settings.drainTimeout(), () -> queue.isEmpty() && inFlight.get() == 0);
    sender.shutdownNow();
    queue.dropRemaining();
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
        QueuedReading next = queue.poll();
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

  private void send(QueuedReading message) {
    Request request = Request.newPost();
    request.setType(settings.confirmable() ? CoAP.Type.CON : CoAP.Type.NON);
    try {
      request.setURI(settings.uriOf(message.deviceId()));
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
    private final QueuedReading message;
    private final AtomicBoolean settled = new AtomicBoolean();

    Outcome(Request request, QueuedReading message) {
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
          stats.acknowledged();
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
