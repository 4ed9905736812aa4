package io.iotsim.core.device;

import io.iotsim.core.selector.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The devices running on this node, by id. Devices add and remove themselves; fleet operations
 * (stop, pause, fault by selector; status; listings) read it instead of asking every actor. Kept
 * sorted so a listing pages by id cursor in O(log n) per page, even with a million devices.
 *
 * <p>Devices are kept in chunks of up to {@value #CHUNK}, each an array in id order, found through
 * a sorted map of the chunks: about 9 bytes per device, where a skip list's node and index took ~48
 * (a node holds a million devices). One lock guards it, held for one chunk's work at a time: a
 * listing copies a chunk under it and hands the copy out without it.
 */
public final class DeviceDirectory {

  /** Devices per chunk; a full chunk passes a device to a neighbour, or else splits in two. */
  static final int CHUNK = 128;

  private static final LocalDevice[] NONE = new LocalDevice[0];

  /** Devices in id order; {@link #size} of them are in use. */
  private static final class Chunk {
    LocalDevice[] devices;
    int size;

    Chunk(LocalDevice[] devices, int size) {
      this.devices = devices;
      this.size = size;
    }

    /** Where {@code id} is, or {@code -(insertion point) - 1}. */
    int find(String id) {
      int lo = 0;
      int hi = size - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        int c = devices[mid].id().compareTo(id);
        if (c < 0) {
          lo = mid + 1;
        } else if (c > 0) {
          hi = mid - 1;
        } else {
          return mid;
        }
      }
      return -(lo + 1);
    }
  }

  /**
   * The chunks, each keyed by a lower bound of its ids: every id of a chunk is at least its key and
   * less than the next chunk's key.
   */
  private final TreeMap<String, Chunk> chunks = new TreeMap<>();

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile int size;

  void add(LocalDevice device) {
    String id = device.id();
    lock.writeLock().lock();
    try {
      Map.Entry<String, Chunk> e = chunks.floorEntry(id);
      if (e == null) {
        e = chunks.firstEntry();
        if (e == null) {
          LocalDevice[] first = new LocalDevice[CHUNK];
          first[0] = device;
          chunks.put(id, new Chunk(first, 1));
          size = 1;
          return;
        }
        // below every key: the first chunk takes it, keyed by it from now on
        e = rekey(e, id);
      }
      Chunk c = e.getValue();
      int at = c.find(id);
      if (at >= 0) {
        c.devices[at] = device; // a new incarnation of the same id replaces the old one
        return;
      }
      insert(e, -at - 1, device);
      size++;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void insert(Map.Entry<String, Chunk> e, int at, LocalDevice device) {
    Chunk c = e.getValue();
    if (c.size < c.devices.length) {
      insertAt(c, at, device);
      return;
    }
    // Ids arrive nearly in order from many shards at once: most go to the last chunk, a few fall
    // behind it. Appending starts a new chunk; a device that falls behind pushes one over to a
    // neighbour with room before anything splits, so chunks stay nearly full (halves would not).
    boolean appending = at == c.size && chunks.lastEntry().getValue() == c;
    if (!appending && (spillLeft(e, at, device) || spillRight(e, at, device))) {
      return;
    }
    int keep = appending ? c.size : c.size / 2;
    LocalDevice[] right = new LocalDevice[CHUNK];
    int moved = c.size - keep;
    System.arraycopy(c.devices, keep, right, 0, moved);
    Arrays.fill(c.devices, keep, c.size, null);
    c.size = keep;
    Chunk next = new Chunk(right, moved);
    if (at > keep || appending) {
      chunks.put(moved > 0 ? right[0].id() : device.id(), next);
      insertAt(next, at - keep, device);
    } else {
      chunks.put(right[0].id(), next);
      insertAt(c, at, device);
    }
  }

  /** Makes room in full chunk {@code e} by moving its first device to the chunk before. */
  private boolean spillLeft(Map.Entry<String, Chunk> e, int at, LocalDevice device) {
    Chunk b = withRoom(chunks.lowerEntry(e.getKey()));
    if (b == null) {
      return false;
    }
    Chunk c = e.getValue();
    if (at == 0) {
      insertAt(b, b.size, device);
    } else {
      insertAt(b, b.size, c.devices[0]);
      System.arraycopy(c.devices, 1, c.devices, 0, at - 1);
      c.devices[at - 1] = device;
    }
    // the chunk's lowest id rose: so does its key, which bounds the chunk before from above
    rekey(e, c.devices[0].id());
    return true;
  }

  /** Makes room in full chunk {@code e} by moving its last device to the chunk after. */
  private boolean spillRight(Map.Entry<String, Chunk> e, int at, LocalDevice device) {
    Map.Entry<String, Chunk> after = chunks.higherEntry(e.getKey());
    Chunk a = withRoom(after);
    if (a == null) {
      return false;
    }
    Chunk c = e.getValue();
    LocalDevice out = at == c.size ? device : c.devices[c.size - 1];
    if (out != device) {
      System.arraycopy(c.devices, at, c.devices, at + 1, c.size - 1 - at);
      c.devices[at] = device;
    }
    insertAt(a, 0, out);
    rekey(after, out.id());
    return true;
  }

  /** The chunk of {@code e} if it has room, else null (also when there is no {@code e}). */
  private static Chunk withRoom(Map.Entry<String, Chunk> e) {
    return e == null || e.getValue().size == CHUNK ? null : e.getValue();
  }

  /** Keys {@code e}'s chunk by {@code key} instead; returns its new entry. */
  private Map.Entry<String, Chunk> rekey(Map.Entry<String, Chunk> e, String key) {
    chunks.remove(e.getKey());
    chunks.put(key, e.getValue());
    return chunks.floorEntry(key);
  }

  private static void insertAt(Chunk c, int at, LocalDevice device) {
    System.arraycopy(c.devices, at, c.devices, at + 1, c.size - at);
    c.devices[at] = device;
    c.size++;
  }

  void remove(String id) {
    lock.writeLock().lock();
    try {
      Map.Entry<String, Chunk> e = chunks.floorEntry(id);
      if (e == null) {
        return;
      }
      Chunk c = e.getValue();
      int at = c.find(id);
      if (at < 0) {
        return;
      }
      System.arraycopy(c.devices, at + 1, c.devices, at, c.size - at - 1);
      c.devices[--c.size] = null;
      if (c.size == 0) {
        chunks.remove(e.getKey());
      }
      size--;
    } finally {
      lock.writeLock().unlock();
    }
  }

  public int size() {
    return size;
  }

  /** How many chunks hold the devices (for tests of how full they are kept). */
  int chunkCount() {
    lock.readLock().lock();
    try {
      return chunks.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  public Optional<LocalDevice> get(String id) {
    lock.readLock().lock();
    try {
      Map.Entry<String, Chunk> e = chunks.floorEntry(id);
      if (e == null) {
        return Optional.empty();
      }
      Chunk c = e.getValue();
      int at = c.find(id);
      return at < 0 ? Optional.empty() : Optional.of(c.devices[at]);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Every device, in id order. */
  public Iterable<LocalDevice> all() {
    return () -> new InOrder(null);
  }

  /** Calls {@code action} for every local device the selector matches. */
  public void forEachMatching(Selector selector, Consumer<LocalDevice> action) {
    Optional<Set<String>> ids = selector.deviceIds();
    if (ids.isPresent()) {
      for (String id : ids.get()) {
        get(id).ifPresent(action);
      }
      return;
    }
    boolean all = selector.isAll();
    for (LocalDevice d : all()) {
      if (all || selector.matches(d.id(), d.type(), d.labels())) {
        action.accept(d);
      }
    }
  }

  /** Devices with an id after {@code afterId} (exclusive; null for the first), in id order. */
  public Iterable<LocalDevice> after(String afterId) {
    return () -> new InOrder(afterId);
  }

  public List<LocalDevice> matching(Selector selector) {
    List<LocalDevice> out = new ArrayList<>();
    forEachMatching(selector, out::add);
    return out;
  }

  /**
   * Walks the devices in id order a chunk at a time: each step copies what is left of one chunk
   * under the lock and hands it out without it. Devices that start or leave meanwhile are seen or
   * not, as with any concurrent map's iterator; none is seen twice.
   */
  private final class InOrder implements Iterator<LocalDevice> {
    private LocalDevice[] batch = NONE;
    private int next;
    private String last;
    private boolean done;

    InOrder(String afterId) {
      this.last = afterId;
    }

    @Override
    public boolean hasNext() {
      if (next < batch.length) {
        return true;
      }
      if (!done) {
        fill();
      }
      return next < batch.length;
    }

    @Override
    public LocalDevice next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return batch[next++];
    }

    private void fill() {
      lock.readLock().lock();
      try {
        Map.Entry<String, Chunk> e = last == null ? null : chunks.floorEntry(last);
        if (e == null) {
          e = chunks.firstEntry();
        }
        for (; e != null; e = chunks.higherEntry(e.getKey())) {
          Chunk c = e.getValue();
          int from = 0;
          if (last != null) {
            int at = c.find(last);
            from = at >= 0 ? at + 1 : -at - 1;
          }
          if (from < c.size) {
            batch = Arrays.copyOfRange(c.devices, from, c.size);
            next = 0;
            last = batch[batch.length - 1].id();
            return;
          }
        }
        batch = NONE;
        next = 0;
        done = true;
      } finally {
        lock.readLock().unlock();
      }
    }
  }
}
