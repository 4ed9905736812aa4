package io.iotsim.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicTemplatesTest {

  @Test
  void resolvesEveryPlaceholder() {
    assertThat(
            TopicTemplates.resolve(
                "sites/{label.site}/{device_type}/{device_id}/telemetry",
                "smart_lock-000003",
                "smart_lock",
                Map.of("site", "hq")))
        .isEqualTo("sites/hq/smart_lock/smart_lock-000003/telemetry");
    assertThat(TopicTemplates.resolve("fixed", "a", "b", Map.of())).isEqualTo("fixed");
  }

  @Test
  void aMissingLabelIsAnError() {
    assertThatThrownBy(() -> TopicTemplates.resolve("x/{label.site}", "t-000001", "t", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "topic_template 'x/{label.site}' needs label 'site', which t-000001 does not have");
  }
}
