package io.iotsim.client;

import java.util.Iterator;

/** A blocking iterator over a stream; {@link #close()} cancels the stream. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
  @Override
  void close();
}
