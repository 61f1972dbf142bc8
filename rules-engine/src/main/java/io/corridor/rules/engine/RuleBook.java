package io.corridor.rules.engine;

import io.corridor.rules.engine.doc.RuleCompiler;
import io.corridor.rules.engine.doc.RuleDocument;
import io.corridor.rules.engine.doc.RuleValidationException;
import io.corridor.rules.engine.section.SectionRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules in force on this node: one compiled rule per document id, the highest version seen.
 * Installing swaps an immutable snapshot, so a read is evaluated under one consistent set.
 * Thread-safe.
 */
public final class RuleBook {

  /** An immutable set of rules. */
  public record Snapshot(Map<String, RuleDocument> documents, List<ReadRule> readRules, List<AsyncReadRule> asyncRules) {}

  private final RuleCompiler compiler;
  private final Map<String, RuleDocument> documents = new HashMap<>();
  private final Map<String, Rule> rules = new HashMap<>();
  private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of(), List.of());

  /** Compiles with {@code compiler}. */
  public RuleBook(RuleCompiler compiler) {
    this.compiler = compiler;
  }

  /** The rules in force now. */
  public Snapshot snapshot() {
    return snapshot;
  }

  /** Compiles {@code doc} without installing it (validation). */
  public Rule compile(RuleDocument doc) throws RuleValidationException {
    return compiler.compile(doc);
  }

  /**
   * Installs {@code doc} unless a version at least as high is in force.
   *
   * @return whether it was installed
   * @throws RuleValidationException when it does not compile (nothing changes)
   */
  public synchronized boolean install(RuleDocument doc) throws RuleValidationException {
    RuleDocument current = documents.get(doc.id());
    if (current != null && current.version() >= doc.version()) {
      return false;
    }
    Rule rule = compiler.compile(doc);
    documents.put(doc.id(), doc);
    rules.put(doc.id(), rule);
    publish();
    return true;
  }

  /** Installs an already compiled rule (tests of the engine's isolation of failing rules). */
  synchronized void install(RuleDocument doc, Rule rule) {
    documents.put(doc.id(), doc);
    rules.put(doc.id(), rule);
    publish();
  }

  /** The document {@code id} in force, or {@code null}. */
  public RuleDocument document(String id) {
    return snapshot.documents().get(id);
  }

  /** Every document in force. */
  public Collection<RuleDocument> documents() {
    return snapshot.documents().values();
  }

  /** The section rules in force (for the sweep and the pairing window). */
  public List<SectionRule> sectionRules() {
    List<SectionRule> out = new ArrayList<>();
    for (AsyncReadRule r : snapshot.asyncRules()) {
      if (r instanceof SectionRule s) {
        out.add(s);
      }
    }
    return out;
  }

  private void publish() {
    List<ReadRule> read = new ArrayList<>();
    List<AsyncReadRule> async = new ArrayList<>();
    rules.keySet().stream().sorted().map(rules::get).forEach(r -> {
      switch (r) {
        case ReadRule x -> read.add(x);
        case AsyncReadRule x -> async.add(x);
      }
    });
    snapshot = new Snapshot(Map.copyOf(documents), List.copyOf(read), List.copyOf(async));
  }
}
