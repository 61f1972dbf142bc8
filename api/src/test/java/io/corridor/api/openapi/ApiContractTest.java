package io.corridor.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The document loads as a valid OpenAPI contract and every operation says who may call it. */
class ApiContractTest {

  static final Set<String> AUDIENCES = Set.of("public", "device", "officer", "customs", "analyst", "approver",
      "auditor", "operator");

  @Test
  void theContractIsValidAndEveryOperationNamesItsRoles() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      ApiContract contract = ApiContract.load(vertx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      JsonObject paths = ApiContract.parse(ApiContract.text()).getJsonObject("paths");
      assertThat(paths.fieldNames()).contains("/v1/devices", "/v1/alerts", "/openapi.yaml");
      for (String path : paths.fieldNames()) {
        JsonObject item = paths.getJsonObject(path);
        for (String method : item.fieldNames()) {
          JsonObject operation = item.getJsonObject(method);
          String id = operation.getString("operationId");
          assertThat(id).as(method + " " + path).isNotBlank();
          assertThat(contract.operation(id)).as(id).isNotNull();
          assertThat(operation.getJsonArray("x-corridor-roles")).as(id + " x-corridor-roles").isNotEmpty();
          assertThat(AUDIENCES).as(id).containsAll(operation.getJsonArray("x-corridor-roles").getList());
        }
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
