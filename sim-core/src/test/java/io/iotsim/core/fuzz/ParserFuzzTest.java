package io.iotsim.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.iotsim.core.profile.ProfileException;
import io.iotsim.core.profile.ProfileLoader;
import io.iotsim.core.scenario.ProfileResolver;
import io.iotsim.core.scenario.ScenarioException;
import io.iotsim.core.scenario.ScenarioParser;
import io.iotsim.core.selector.Selector;
import io.iotsim.core.selector.SelectorException;
import io.iotsim.core.time.Durations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The parsers that read what users and clients send: each returns a value or throws its documented
 * error type, whatever the input; anything else (a NullPointerException, a StackOverflowError, an
 * endless loop) is a finding. Without JAZZER_FUZZ these run the corpus under
 * src/test/resources/io/iotsim/core/fuzz/ParserFuzzTestInputs/ as regression tests; {@code
 * scripts/fuzz} runs a campaign (see FUZZING.md).
 */
class ParserFuzzTest {

  /** Profiles a fuzzed scenario may name resolve next to a file in the repository's profiles. */
  private static final ProfileResolver PROFILES =
      ProfileResolver.near(Path.of("../profiles/scenario.yaml"));

  @FuzzTest(maxDuration = "3m")
  void profileYaml(byte[] input) {
    try {
      ProfileLoader.parse(text(input), "fuzz");
    } catch (ProfileException documented) {
      // bad input, reported with its problems
    }
  }

  @FuzzTest(maxDuration = "3m")
  void scenarioYaml(byte[] input) {
    try {
      ScenarioParser.parse(text(input), "fuzz", "fuzz", PROFILES);
    } catch (ScenarioException documented) {
      // bad input, reported with its problems
    }
  }

  @FuzzTest(maxDuration = "3m")
  void selector(byte[] input) {
    try {
      Selector.parse(text(input));
    } catch (SelectorException documented) {
      // bad input, with the column
    }
  }

  @FuzzTest(maxDuration = "3m")
  void duration(byte[] input) {
    try {
      Durations.parse(text(input));
    } catch (IllegalArgumentException documented) {
      // bad input, saying what is accepted
    }
  }

  /** The input as text, as a request body or file would decode it; the seeds are plain files. */
  private static String text(byte[] input) {
    return new String(input, StandardCharsets.UTF_8);
  }
}
