package io.corridor.platform;

import io.corridor.config.ConfigKey;
import java.util.List;

/**
 * One capability of a node (ingest, rules, tracking, lawful access, ...), wired from the node's
 * shared infrastructure behind this single entry point so the launcher lists modules instead of
 * classes. {@link #wire} builds the module's services and says which verticles to deploy, which
 * routes to mount and what to close; it may block (JDBC, loading files) but must not start
 * anything the node cannot stop through the returned parts.
 */
public interface CorridorModule {

  /** A short name for logs and errors, e.g. {@code "violations"}. */
  String name();

  /** The configuration keys this module reads, for the README table and validation. */
  default List<ConfigKey> configKeys() {
    return List.of();
  }

  /**
   * Builds the module from {@code node}.
   *
   * @throws Exception when the module cannot start; the node then fails start-up with the cause
   */
  ModuleParts wire(NodeContext node) throws Exception;
}
