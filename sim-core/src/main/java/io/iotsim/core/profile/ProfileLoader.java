package io.iotsim.core.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Loads device profiles. YAML files, YAML text and Jackson trees all go through one validator, so a
 * mistake gets the same message whichever way the profile arrived.
 */
public final class ProfileLoader {

  // Duplicate keys in a YAML mapping are a user mistake (a field defined twice), not "last wins".
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

  private ProfileLoader() {}

  /** Reads and validates a profile file; an unreadable file is a {@link ProfileException} too. */
  public static DeviceProfile load(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProfileException(
          file.toString(),
          List.of(new Problem(file.toString(), "cannot read the profile (" + describe(e) + ")")));
    }
    return parse(yaml, file.toString());
  }

  /**
   * Parses and validates YAML text.
   *
   * @param sourceName where the text came from (a file name, "request"): the exception's {@link
   *     ProfileException#source()}
   */
  public static DeviceProfile parse(String yaml, String sourceName) {
    try {
      JsonNode tree;
      try {
        tree = YAML.readTree(yaml);
      } catch (JsonProcessingException e) {
        throw new ProfileException(syntaxProblem(e));
      }
      return fromTree(tree);
    } catch (ProfileException e) {
      throw e.from(sourceName);
    }
  }

  /** Validates a tree shaped like the YAML (snake_case keys). */
  public static DeviceProfile fromTree(JsonNode tree) {
    return ProfileValidator.validate(tree, List.of());
  }

  /** As {@link #fromTree(JsonNode)}, adding problems found before the tree was built. */
  public static DeviceProfile fromTree(JsonNode tree, List<Problem> earlier) {
    return ProfileValidator.validate(tree, earlier);
  }

  static Problem syntaxProblem(JsonProcessingException e) {
    // SnakeYAML knows where the problem is and what it is; Jackson's own message leads with the
    // context ("while parsing a flow mapping") and points at where that context started
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      Mark at = yaml.getProblemMark();
      String reason = yaml.getProblem();
      if (yaml.getContext() != null) {
        reason += " (" + yaml.getContext() + ")";
      }
      return new Problem(where(at.getLine() + 1, at.getColumn() + 1), reason);
    }
    JsonLocation at = e.getLocation();
    String reason = e.getOriginalMessage() == null ? "invalid YAML" : e.getOriginalMessage();
    int newline = reason.indexOf('\n');
    if (newline > 0) {
      reason = reason.substring(0, newline);
    }
    return new Problem(
        at == null ? "(yaml)" : where(at.getLineNr(), at.getColumnNr()), reason.strip());
  }

  private static String where(int line, int column) {
    return "(yaml line " + line + ", column " + column + ")";
  }

  private static String describe(IOException e) {
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null ? name : name + ": " + e.getMessage();
  }
}
