package io.iotsim.core.device;

/** Where devices and scenarios report lifecycle events (the node's event hub and log). */
public interface EventSink {

  void publish(LifecycleEvent event);
}
