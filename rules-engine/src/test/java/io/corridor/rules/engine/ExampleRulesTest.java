package io.corridor.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.rules.engine.doc.RuleDocument;
import io.corridor.rules.engine.doc.RuleDocuments;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example rule documents in docs/rules load and compile, so the documentation stays true. */
class ExampleRulesTest {

  @Test
  void everyExampleDocumentCompiles() throws Exception {
    List<RuleDocument> docs = RuleDocuments.loadDirectory(Path.of("..", "docs", "rules"));
    EngineHarness h = new EngineHarness(Instant.parse("2026-11-23T10:00:00Z"));
    for (RuleDocument d : docs) {
      assertThat(h.engine.rules().install(d)).as(d.id()).isTrue();
    }
    assertThat(docs).extracting(RuleDocument::type)
        .contains("spot-speed", "section-speed", "red-light", "restricted-zone", "restricted-lane", "registry");
  }
}
