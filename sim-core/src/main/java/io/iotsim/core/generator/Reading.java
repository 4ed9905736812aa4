package io.iotsim.core.generator;

import java.util.Arrays;

/**
 * The field values of one reading, in profile order. A mutable scratch: one per thread, reset and
 * refilled for every reading, so producing a reading allocates nothing. Slot {@code i} holds one
 * value of the kind last set there.
 */
public final class Reading {

  /** What a slot holds. */
  public enum Kind {
    NUMBER,
    TEXT,
    FLAG
  }

  private Kind[] kinds;
  private double[] numbers;
  private String[] texts;
  private boolean[] flags;
  private int size;

  public Reading() {
    this(8);
  }

  public Reading(int initialCapacity) {
    int capacity = Math.max(1, initialCapacity);
    kinds = new Kind[capacity];
    numbers = new double[capacity];
    texts = new String[capacity];
    flags = new boolean[capacity];
  }

  /** Starts a new reading of {@code fieldCount} slots, all unset (kind {@code null}). */
  public void reset(int fieldCount) {
    if (fieldCount < 0) {
      throw new IllegalArgumentException("fieldCount must be >= 0 (got " + fieldCount + ")");
    }
    if (fieldCount > kinds.length) {
      int capacity = Math.max(fieldCount, kinds.length * 2);
      kinds = Arrays.copyOf(kinds, capacity);
      numbers = Arrays.copyOf(numbers, capacity);
      texts = Arrays.copyOf(texts, capacity);
      flags = Arrays.copyOf(flags, capacity);
    }
    Arrays.fill(kinds, 0, fieldCount, null);
    // drop text references so a reused scratch does not keep old strings alive
    Arrays.fill(texts, 0, Math.max(size, fieldCount), null);
    size = fieldCount;
  }

  public int size() {
    return size;
  }

  public void setNumber(int i, double v) {
    check(i);
    kinds[i] = Kind.NUMBER;
    numbers[i] = v;
  }

  public void setText(int i, String s) {
    check(i);
    kinds[i] = Kind.TEXT;
    texts[i] = s;
  }

  public void setFlag(int i, boolean b) {
    check(i);
    kinds[i] = Kind.FLAG;
    flags[i] = b;
  }

  /** The kind of slot {@code i}, or {@code null} if nothing was set since {@link #reset}. */
  public Kind kind(int i) {
    check(i);
    return kinds[i];
  }

  public double number(int i) {
    check(i);
    return numbers[i];
  }

  public String text(int i) {
    check(i);
    return texts[i];
  }

  public boolean flag(int i) {
    check(i);
    return flags[i];
  }

  private void check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("slot " + i + " of a reading of " + size);
    }
  }
}
