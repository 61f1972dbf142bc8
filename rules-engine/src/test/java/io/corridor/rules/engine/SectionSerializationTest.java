package io.corridor.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import io.corridor.rules.engine.doc.RuleDocuments;
import io.corridor.rules.engine.section.AdvanceJourney;
import io.corridor.rules.engine.section.SectionChain;
import io.corridor.rules.engine.section.SectionRule;
import io.corridor.rules.engine.section.Sighting;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pairing processors survive the trip to another member: what arrives decides like what left. */
class SectionSerializationTest {

  @Test
  void chainWithPeriodsAndTolerancesRoundTrips() throws Exception {
    EngineHarness h = new EngineHarness(Instant.parse("2026-11-23T09:00:00Z"));
    SectionChain chain = ((SectionRule) h.engine.rules().compile(RuleDocuments.parse(SectionFixtures.CHAIN, null, null))).chain();
    Sighting s = new Sighting("r1", "cam-a2-k10", 1_700_000_000_000L, "car", List.of("f1", "f2"));
    InternalSerializationService ss = new DefaultSerializationServiceBuilder().build();

    AdvanceJourney back = ss.toObject(ss.toData(new AdvanceJourney(chain, s)));

    java.lang.reflect.Field f = AdvanceJourney.class.getDeclaredField("chain");
    f.setAccessible(true);
    assertThat(f.get(back)).isEqualTo(chain);
  }
}
