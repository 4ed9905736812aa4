package io.iotsim.core.publish;

import java.nio.file.Path;

/**
 * The node-wide output that replaces every profile's protocol: {@code console}, {@code null} or
 * {@code jsonl:FILE}; {@code protocol} keeps each profile's own.
 */
public record OutputOverride(Kind kind, Path file) {

  public enum Kind {
    PROTOCOL,
    CONSOLE,
    NULL,
    JSONL
  }

  public static final OutputOverride PROTOCOL = new OutputOverride(Kind.PROTOCOL, null);

  /**
   * @throws IllegalArgumentException naming the field when the text is none of the forms
   */
  public static OutputOverride parse(String text) {
    String t = text.trim();
    if (t.equals("protocol")) {
      return PROTOCOL;
    }
    if (t.equals("console")) {
      return new OutputOverride(Kind.CONSOLE, null);
    }
    if (t.equals("null")) {
      return new OutputOverride(Kind.NULL, null);
    }
    if (t.startsWith("jsonl:") && t.length() > "jsonl:".length()) {
      return new OutputOverride(Kind.JSONL, Path.of(t.substring("jsonl:".length())));
    }
    throw new IllegalArgumentException(
        "output: must be console, null, jsonl:FILE or protocol (got '" + text + "')");
  }

  /** The publisher that replaces every profile's, or null to keep the profiles'. */
  Publisher newPublisher() {
    return switch (kind) {
      case PROTOCOL -> null;
      case CONSOLE -> LinePublisher.console();
      case NULL -> new NullPublisher();
      case JSONL -> LinePublisher.jsonl(file);
    };
  }

  @Override
  public String toString() {
    return kind == Kind.JSONL ? "jsonl:" + file : kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
