package io.corridor.api.openapi;

import io.corridor.platform.CorridorModule;
import io.corridor.platform.ModuleParts;
import io.corridor.platform.NodeContext;
import java.util.concurrent.TimeUnit;

/** Serves the public API's OpenAPI document at {@code GET /openapi.yaml} (no token needed). */
public final class ContractModule implements CorridorModule {

  @Override
  public String name() {
    return "openapi";
  }

  @Override
  public ModuleParts wire(NodeContext node) throws Exception {
    ApiContract contract = ApiContract.load(node.vertx()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return new ModuleParts().routes(router -> router.get("/openapi.yaml").handler(contract.serve()));
  }
}
