package io.corridor.rules.engine;

/** A rule compiled from a rule document. */
public sealed interface Rule permits ReadRule, AsyncReadRule {

  /** The document and version it was compiled from. */
  RuleRef ref();
}
