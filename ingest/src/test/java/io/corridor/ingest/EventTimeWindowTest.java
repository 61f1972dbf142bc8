package io.corridor.ingest;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimeWindowTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private final EventTimeWindow window = new EventTimeWindow(Duration.ofSeconds(30), Duration.ofHours(72));

  @Test
  void acceptsBothEdgesOfTheWindow() {
    assertThatCode(() -> window.check(NOW.plusSeconds(30), NOW, "eventTime")).doesNotThrowAnyException();
    assertThatCode(() -> window.check(NOW.minus(Duration.ofHours(72)), NOW, "eventTime")).doesNotThrowAnyException();
  }

  @Test
  void refusesATimeBeyondTheSkewNamingTheField() {
    IngestException e = catchThrowableOfType(IngestException.class,
        () -> window.check(NOW.plusSeconds(31), NOW, "reads[1].eventTime"));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.field()).isEqualTo("reads[1].eventTime");
    assertThat(e.getMessage()).contains("clock skew of 30 s");
  }

  @Test
  void refusesATimeOlderThanTheAcceptedAge() {
    IngestException e = catchThrowableOfType(IngestException.class,
        () -> window.check(NOW.minus(Duration.ofHours(72)).minusMillis(1), NOW, "eventTime"));
    assertThat(e.field()).isEqualTo("eventTime");
    assertThat(e.getMessage()).contains("accepted age of 72 h");
  }
}
