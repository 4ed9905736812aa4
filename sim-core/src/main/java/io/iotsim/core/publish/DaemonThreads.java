package io.iotsim.core.publish;

import java.util.concurrent.ThreadFactory;

/** The adapters' own threads: named (for thread dumps) and daemon (never keep a JVM alive). */
public final class DaemonThreads {

  private DaemonThreads() {}

  public static Thread named(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  public static ThreadFactory named(String name) {
    return task -> named(name, task);
  }
}
