package io.iotsim.core.selector;

/** A selector expression that does not parse; the message gives the 1-based column and why. */
public final class SelectorException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final int column;

  SelectorException(String reason, int column, String expression) {
    super("selector: " + reason + " at column " + column + " in '" + expression + "'");
    this.column = column;
  }

  /** The 1-based column where the expression went wrong. */
  public int column() {
    return column;
  }
}
