package io.corridor.node;

import io.vertx.core.eventbus.EventBusOptions;

/**
 * Where the event bus between nodes listens and what it announces: {@code cluster.host} with TCP
 * discovery; every interface with Kubernetes discovery, announcing {@code cluster.host} (the pod
 * IP from the downward API) when given. The port is {@code cluster.bus-port} (0: any free one).
 */
final class EventBusAddress {

  private EventBusAddress() {}

  static EventBusOptions of(NodeOptions node) {
    EventBusOptions options = new EventBusOptions().setPort(node.busPort());
    if (node.kubernetesDiscovery()) {
      options.setHost("0.0.0.0");
      if (!node.clusterHost().isBlank() && !node.clusterHost().equals("0.0.0.0")) {
        options.setClusterPublicHost(node.clusterHost());
      }
    } else {
      options.setHost(node.clusterHost());
    }
    return options;
  }
}
