package io.corridor.rules;

import io.corridor.events.PlateRead;
import io.corridor.events.Violation;
import io.corridor.platform.NodeContext;
import io.corridor.rules.engine.SignalPhase;
import io.corridor.rules.engine.ViolationEngine;
import io.corridor.rules.outbox.SitePurposes;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * What the rules module takes from the violation engine: the engine, which cameras stand at
 * enforcement sites, and the engine's own routes (sites, rule documents, registry, hotlist).
 */
record EngineParts(ViolationEngine engine, SitePurposes sites, Consumer<Router> routes) {

  /** The engine for {@code node}. */
  static EngineParts create(NodeContext node) {
    ViolationEngine none = new ViolationEngine() {
      @Override
      public CompletionStage<List<Violation>> evaluate(PlateRead read) {
        return CompletableFuture.completedFuture(List.of());
      }

      @Override
      public void onSignal(SignalPhase phase) {}
    };
    return new EngineParts(none, SitePurposes.NETWORK_ONLY, router -> {});
  }
}
