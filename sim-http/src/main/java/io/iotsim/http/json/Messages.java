package io.iotsim.http.json;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fleet's and the profile loader's messages lead with the field: "count: must be >= 1". */
public final class Messages {

  private static final Pattern FIELD = Pattern.compile("^([a-z_][a-z0-9_.\\[\\]]*): ");

  private Messages() {}

  /** The field a message leads with, or null. */
  public static String fieldOf(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = FIELD.matcher(message);
    return m.find() ? m.group(1) : null;
  }
}
