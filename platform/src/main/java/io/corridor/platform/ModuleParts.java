package io.corridor.platform;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Deployable;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a {@link CorridorModule} hands to the node: verticles to deploy (in order), routes for the
 * node's one HTTP router, and resources to close when the node stops (in reverse order, after the
 * verticles are undeployed).
 */
public final class ModuleParts {

  /** A verticle factory with the options to deploy it under. */
  public record VerticleSpec(Supplier<? extends Deployable> factory, DeploymentOptions options) {}

  private final List<VerticleSpec> verticles = new ArrayList<>();
  private final List<Consumer<Router>> routes = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** Deploys one instance of {@code verticle}. */
  public ModuleParts verticle(Deployable verticle) {
    return verticle(() -> verticle, new DeploymentOptions());
  }

  /** Deploys {@code options.getInstances()} instances made by {@code factory}. */
  public ModuleParts verticle(Supplier<? extends Deployable> factory, DeploymentOptions options) {
    verticles.add(new VerticleSpec(factory, options));
    return this;
  }

  /** Adds routes to the node's HTTP router (called once per HTTP verticle instance). */
  public ModuleParts routes(Consumer<Router> mount) {
    routes.add(mount);
    return this;
  }

  /** Closes {@code resource} when the node stops. */
  public ModuleParts onClose(AutoCloseable resource) {
    closeables.add(resource);
    return this;
  }

  /** The verticles, in deployment order. */
  public List<VerticleSpec> verticles() {
    return List.copyOf(verticles);
  }

  /** The route mounts. */
  public List<Consumer<Router>> routes() {
    return List.copyOf(routes);
  }

  /** The resources to close, in registration order. */
  public List<AutoCloseable> closeables() {
    return List.copyOf(closeables);
  }
}
