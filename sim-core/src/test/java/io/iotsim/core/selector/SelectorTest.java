package io.iotsim.core.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectorTest {

  private static final Map<String, String> LABELS =
      Map.of("zone", "north", "floor", "3", "path/with:odd.chars-x", "y");

  private static boolean matches(String expr) {
    return Selector.parse(expr).matches("temperature_sensor-000001", "temperature_sensor", LABELS);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "all | true",
        "zone=north | true",
        "zone==north | true",
        "zone=south | false",
        "zone!=south | true",
        "zone!=north | false",
        "missing!=x | true",
        "zone in (south, north) | true",
        "zone in (south,east) | false",
        "zone notin (south,east) | true",
        "zone notin (north) | false",
        "missing notin (a) | true",
        "missing in (a) | false",
        "zone | true",
        "missing | false",
        "!missing | true",
        "!zone | false",
        "device_type=temperature_sensor | true",
        "device_type!=temperature_sensor | false",
        "device_type in (smart_lock, temperature_sensor) | true",
        "device_id=temperature_sensor-000001 | true",
        "device_id in (temperature_sensor-000002) | false",
        "zone=north, floor=3 | true",
        "zone=north,floor=4 | false",
        "  zone = north ,  floor  in ( 3 , 4 ) , ! missing  | true",
        "\"zone\"=\"north\" | true",
        "path/with:odd.chars-x=y | true"
      })
  void matchesEveryForm(String expr, boolean expected) {
    assertThat(matches(expr)).isEqualTo(expected);
  }

  @Test
  void quotedValuesMayHoldAnything() {
    Selector s = Selector.parse("name=\"a b, \\\"c\\\" \\\\ d\"");
    assertThat(s.matches("x", "t", Map.of("name", "a b, \"c\" \\ d"))).isTrue();
    assertThat(Selector.parse(s.toString())).isEqualTo(s);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "all | all",
        "' all ' | all",
        "zone==north | zone=north",
        "zone in (b, a, b) | zone in (a,b)",
        "zone notin (x) , !y , z | zone notin (x),!y,z",
        "name=\"has space\" | name=\"has space\"",
        "k=in | k=\"in\""
      })
  void printsACanonicalFormThatParsesBackToTheSameSelector(String expr, String canonical) {
    Selector s = Selector.parse(expr);
    assertThat(s.toString()).isEqualTo(canonical);
    assertThat(Selector.parse(canonical)).isEqualTo(s);
    assertThat(Selector.parse(canonical).toString()).isEqualTo(canonical);
  }

  @Test
  void allMatchesEverything() {
    assertThat(Selector.all().isAll()).isTrue();
    assertThat(Selector.parse("all").isAll()).isTrue();
    assertThat(Selector.all().matches("x", "y", Map.of())).isTrue();
    assertThat(Selector.all().deviceIds()).isEmpty();
    assertThat(Selector.parse("zone").isAll()).isFalse();
  }

  @Test
  void idSelectorsExposeTheirIds() {
    Selector ids = Selector.ids(List.of("b-000002", "a-000001"));
    assertThat(ids.deviceIds()).contains(Set.of("a-000001", "b-000002"));
    assertThat(ids.matches("a-000001", "a", Map.of())).isTrue();
    assertThat(ids.matches("c-000003", "c", Map.of())).isFalse();
    assertThat(ids.toString()).isEqualTo("device_id in (a-000001,b-000002)");
    assertThat(Selector.parse(ids.toString())).isEqualTo(ids);

    assertThat(Selector.parse("device_id=x-1").deviceIds()).contains(Set.of("x-1"));
    assertThat(Selector.parse("device_id in (a,b,c), device_id in (b,c,d)").deviceIds())
        .contains(Set.of("b", "c"));
    // other terms narrow further, so a caller could not use the ids without matches(): none given
    assertThat(Selector.parse("device_id=x-1,zone=north").deviceIds()).isEmpty();
    assertThat(Selector.parse("device_id!=x-1").deviceIds()).isEmpty();
    assertThat(Selector.ids(List.of()).matches("a", "b", Map.of())).isFalse();
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "zone in (a,b | selector: expected ',' or ')' at column 13 in 'zone in (a,b'",
        "'' | selector: expected a term or 'all' at column 1 in ''",
        "zone= | selector: expected a value at column 6 in 'zone='",
        "zone=north, | selector: expected a label name, device_type or device_id at column 12 in"
            + " 'zone=north,'",
        "zone north | selector: expected '=', '==', '!=', 'in', 'notin', ',' or the end at column 6"
            + " in 'zone north'",
        "zone in a | selector: expected '(' at column 9 in 'zone in a'",
        "zone=a b | selector: expected ',' at column 8 in 'zone=a b'",
        "zone=\"open | selector: unterminated string at column 6 in 'zone=\"open'",
        "zone=\"a\\n"
            + "b\" | selector: unknown escape '\\n"
            + "' (only \\\" and \\\\) at column 8 in 'zone=\"a\\n"
            + "b\"'",
        "! | selector: expected a label name after '!' at column 2 in '!'",
        "zone=a;b | selector: expected ',' at column 7 in 'zone=a;b'",
        "k notin () | selector: expected at least one value in '( )' at column 10 in 'k notin ()'",
        "device_id notin ( ) | selector: expected at least one value in '( )' at column 19 in"
            + " 'device_id notin ( )'",
        "zone in () | selector: expected at least one value in '( )' at column 10 in 'zone in ()'"
      })
  void reportsTheColumnOfAnError(String expr, String message) {
    assertThatThrownBy(() -> Selector.parse(expr))
        .isInstanceOf(SelectorException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void exposesTheErrorColumn() {
    try {
      Selector.parse("zone in (a,b");
    } catch (SelectorException e) {
      assertThat(e.column()).isEqualTo(13);
    }
  }
}
