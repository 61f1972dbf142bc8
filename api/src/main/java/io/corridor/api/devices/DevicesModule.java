package io.corridor.api.devices;

import io.corridor.api.openapi.ApiContract;
import io.corridor.config.ConfigKey;
import io.corridor.platform.CorridorModule;
import io.corridor.platform.ModuleParts;
import io.corridor.platform.NodeContext;
import io.corridor.platform.devices.DeviceRepository;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Device management for operators ({@code /v1/devices}) and the cluster-wide reload of device changes. */
public final class DevicesModule implements CorridorModule {

  @Override
  public String name() {
    return "devices";
  }

  @Override
  public List<ConfigKey> configKeys() {
    return DeviceOptions.KEYS;
  }

  @Override
  public ModuleParts wire(NodeContext node) throws Exception {
    DeviceOptions options = new DeviceOptions(node.settings());
    ApiContract contract = ApiContract.load(node.vertx()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    DeviceSync sync = new DeviceSync(node.vertx(), node.devices(), new DeviceRepository(node.database().dataSource()));
    DeviceAdmin admin = new DeviceAdmin(new DeviceStore(node.database().dataSource()), node.audit(), options, node.clock());
    DeviceRoutes routes = new DeviceRoutes(node.users(), admin, sync, contract);
    return new ModuleParts().verticle(new DeviceChangeListener(sync)).routes(routes::mount);
  }
}
