package io.iotsim.core.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadingTest {

  @Test
  void holdsOneValueOfOneKindPerSlot() {
    Reading r = new Reading(2);
    r.reset(3);
    r.setNumber(0, 1.5);
    r.setText(1, "open");
    r.setFlag(2, true);
    assertThat(r.size()).isEqualTo(3);
    assertThat(r.kind(0)).isEqualTo(Reading.Kind.NUMBER);
    assertThat(r.number(0)).isEqualTo(1.5);
    assertThat(r.kind(1)).isEqualTo(Reading.Kind.TEXT);
    assertThat(r.text(1)).isEqualTo("open");
    assertThat(r.kind(2)).isEqualTo(Reading.Kind.FLAG);
    assertThat(r.flag(2)).isTrue();
  }

  @Test
  void resetForgetsThePreviousReading() {
    Reading r = new Reading(1);
    r.reset(1);
    r.setText(0, "x");
    r.reset(1);
    assertThat(r.kind(0)).isNull();
    assertThat(r.text(0)).isNull();
  }

  @Test
  void growsWhenAReadingHasMoreFields() {
    Reading r = new Reading(1);
    r.reset(100);
    r.setNumber(99, 7);
    assertThat(r.number(99)).isEqualTo(7);
  }

  @Test
  void rejectsSlotsOutsideTheReading() {
    Reading r = new Reading(8);
    r.reset(2);
    assertThatThrownBy(() -> r.setNumber(2, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> r.kind(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
