package io.corridor.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.rules.engine.doc.RuleDocument;
import io.corridor.rules.engine.doc.RuleDocuments;
import io.corridor.rules.engine.doc.RuleError;
import io.corridor.rules.engine.doc.RuleValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleDocumentsTest {

  final EngineHarness h = new EngineHarness(Instant.parse("2026-11-23T10:00:00Z"));

  List<RuleError> errors(String yaml) {
    try {
      h.engine.rules().compile(RuleDocuments.parse(yaml, null, null));
    } catch (RuleValidationException e) {
      return e.errors();
    }
    throw new AssertionError("accepted: " + yaml);
  }

  @Test
  void headerErrorsNameRuleFieldAndReason() {
    assertThat(errors("id: speed-x\ntype: spot-speed\n"))
        .containsExactly(new RuleError("speed-x", "version", "is required"));
    assertThat(errors("id: speed-x\nversion: 1\ntype: speed\n")).singleElement()
        .satisfies(e -> assertThat(e.reason()).startsWith("unknown rule type 'speed'; one of red-light, registry"));
    assertThat(errors("id: 'bad id!'\nversion: 1.5\ntype: spot-speed\n")).extracting(RuleError::field)
        .containsExactly("id", "version");
    assertThat(errors("id: [unclosed\n")).singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo("(document)"));
  }

  @Test
  void everyProblemOfASectionRuleIsReportedAtOnce() {
    List<RuleError> e = errors("""
        id: section-bad
        version: 1
        type: section-speed
        clockSkew: 5 minutes
        tolerance: {bands: [{percent: 3}, {below: 100, kmh: 3}]}
        sections:
          - id: S1
            entry: cam-a
            exit: cam-a
            distanceMeters: 20
            limits: {car: 100, tractor: 25}
          - id: S2
            entry: cam-b
            exit: cam-c
            distanceMeter: 5000
            limits: {}
        """);
    assertThat(e).extracting(RuleError::rule).containsOnly("section-bad");
    assertThat(e).extracting(RuleError::field).contains("clockSkew", "tolerance.bands[0].below",
        "sections[0].distanceMeters", "sections[0].limits.tractor", "sections[0].exit", "sections[1].distanceMeter",
        "sections[1].distanceMeters", "sections[1].limits");
    assertThat(e).filteredOn(x -> x.field().equals("sections[0].distanceMeters")).singleElement()
        .satisfies(x -> assertThat(x.reason()).isEqualTo("must be between 100 and 100000, got 20"));
    assertThat(e).filteredOn(x -> x.field().equals("sections[1].distanceMeter")).singleElement()
        .satisfies(x -> assertThat(x.reason()).startsWith("unknown field; expected one of id, entry, exit"));
  }

  @Test
  void zoneAndRedLightAndRegistryFieldsAreChecked() {
    assertThat(errors("""
        id: z
        version: 1
        type: restricted-zone
        cameras: [c1]
        windows: [{days: [mon, funday], from: "7:00", to: "19:00"}]
        classes: [lorry]
        """)).extracting(RuleError::field)
        .contains("timezone", "windows[0].days[1]", "windows[0].from", "classes[0]");
    assertThat(errors("""
        id: r
        version: 1
        type: red-light
        grace: 5s
        junctions: [{camera: c1, controller: k1}]
        """)).extracting(RuleError::field).contains("grace", "junctions[0].signalGroup");
    assertThat(errors("id: g\nversion: 1\ntype: registry\nchecks: [stolen]\n")).singleElement()
        .satisfies(x -> assertThat(x.reason()).contains("one of uninsured, unregistered, registration-expired"));
  }

  @Test
  void pathIdMustMatchAndMissingVersionIsGiven() throws Exception {
    RuleDocument d = RuleDocuments.parse("type: registry\nchecks: [uninsured]\n", "reg-1", 7);
    assertThat(d.id()).isEqualTo("reg-1");
    assertThat(d.version()).isEqualTo(7);
    assertThatThrownBy(() -> RuleDocuments.parse("id: other\nversion: 1\ntype: registry\n", "reg-1", 1))
        .isInstanceOf(RuleValidationException.class).hasMessageContaining("must match the rule id in the path");
  }

  @Test
  void directoryLoadsEveryDocumentOrNamesEveryBadOne(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("10-speed.yaml"), """
        id: speed-de
        version: 1
        type: spot-speed
        tolerances: [{country: DE, bands: [{below: 100, kmh: 3}, {percent: 3}]}]
        ---
        id: registry-xk
        version: 2
        type: registry
        checks: [uninsured]
        """);
    Files.writeString(dir.resolve("README.txt"), "not a rule");
    assertThat(RuleDocuments.loadDirectory(dir)).extracting(RuleDocument::id).containsExactly("speed-de", "registry-xk");

    Files.writeString(dir.resolve("20-bad.yml"), "id: broken\ntype: spot-speed\n");
    assertThatThrownBy(() -> RuleDocuments.loadDirectory(dir)).isInstanceOf(RuleValidationException.class)
        .hasMessageContaining("broken: version: is required");
  }

  @Test
  void newerVersionReplacesOlderOneAndOlderIsIgnored() throws Exception {
    RuleBook book = h.engine.rules();
    assertThat(book.install(RuleDocuments.parse("id: reg\nversion: 2\ntype: registry\nchecks: [uninsured]\n", null, null))).isTrue();
    assertThat(book.install(RuleDocuments.parse("id: reg\nversion: 1\ntype: registry\nchecks: [unregistered]\n", null, null))).isFalse();
    assertThat(book.install(RuleDocuments.parse("id: reg\nversion: 3\ntype: registry\nchecks: [unregistered]\n", null, null))).isTrue();
    assertThat(book.document("reg").version()).isEqualTo(3);
    assertThat(book.snapshot().readRules()).hasSize(1);
  }
}
