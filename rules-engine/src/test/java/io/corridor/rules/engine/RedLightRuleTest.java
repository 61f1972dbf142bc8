package io.corridor.rules.engine;

import static io.corridor.rules.engine.EngineHarness.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.events.Violation;
import io.corridor.events.ViolationKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedLightRuleTest {

  static final Instant AMBER = Instant.parse("2026-11-23T08:00:00Z");
  static final Instant RED = AMBER.plusSeconds(3);

  static final String RULE = """
      id: red-prishtina
      version: 4
      type: red-light
      grace: 300ms
      aggravatedAfter: 1s
      junctions:
        - {camera: cam-jct-07-sl, controller: ctl-jct-07, signalGroup: 2}
      """;

  EngineHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new EngineHarness(AMBER.minusSeconds(60)).rule(RULE);
    h.engine.onSignal(new SignalPhase("ctl-jct-07", 2, SignalPhase.State.GREEN, AMBER.minusSeconds(40)));
    h.engine.onSignal(new SignalPhase("ctl-jct-07", 2, SignalPhase.State.AMBER, AMBER));
    h.engine.onSignal(new SignalPhase("ctl-jct-07", 2, SignalPhase.State.RED, RED));
    h.engine.onSignal(new SignalPhase("ctl-jct-07", 1, SignalPhase.State.RED, AMBER.minusSeconds(60)));
  }

  List<Violation> at(Instant t) throws Exception {
    return h.feed(read("cam-jct-07-sl", "01234AB", t));
  }

  @Test
  void withinTheGracePeriodIsNoViolation() throws Exception {
    assertThat(at(RED.minusMillis(1))).isEmpty(); // amber
    assertThat(at(RED.plusMillis(300))).isEmpty(); // exactly the grace period
  }

  @Test
  void pastTheGracePeriodRecordsAmberDurationAndTimeSinceRed() throws Exception {
    List<Violation> v = at(RED.plusMillis(450));
    assertThat(v).singleElement().satisfies(x -> {
      assertThat(x.getKind()).isEqualTo(ViolationKind.RED_LIGHT);
      assertThat(x.getRuleVersion()).isEqualTo(4);
      assertThat(x.getMeasured()).isEqualTo(0.45);
      assertThat(x.getLimit()).isEqualTo(0.3);
      assertThat(x.getUnit()).isEqualTo("s");
      assertThat(x.getSeverity()).isEqualTo("WARNING");
      assertThat(x.getDetails()).containsEntry("amberMillis", "3000").containsEntry("timeSinceRedMillis", "450")
          .containsEntry("controller", "ctl-jct-07").containsEntry("signalGroup", "2");
    });
  }

  @Test
  void moreThanOneSecondOfRedIsAggravated() throws Exception {
    assertThat(at(RED.plusMillis(1000)).getFirst().getSeverity()).isEqualTo("WARNING");
    assertThat(at(RED.plusMillis(1001)).getFirst().getSeverity()).isEqualTo("CRITICAL");
  }

  @Test
  void greenAgainOrAnotherCameraOrNoKnownPhaseIsNoViolation() throws Exception {
    h.engine.onSignal(new SignalPhase("ctl-jct-07", 2, SignalPhase.State.GREEN, RED.plusSeconds(30)));
    assertThat(at(RED.plusSeconds(31))).isEmpty();
    assertThat(at(RED.plusSeconds(20))).hasSize(1); // a late read still sees the red it crossed in
    assertThat(h.feed(read("cam-other", "01234AB", RED.plusSeconds(5)))).isEmpty();
    assertThat(at(AMBER.minusSeconds(50))).isEmpty(); // before the known history
  }
}
