package io.corridor.tracking.mqtt;

import io.corridor.ingest.IngestException;
import io.corridor.platform.tls.ListenerTls;
import io.corridor.tracking.positions.LoopHandOff;
import io.corridor.tracking.positions.TrackerAuthenticator;
import io.corridor.tracking.positions.TrackerIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Corridor's MQTT server for trackers, OwnTracks apps and drones (MQTT 3.1.1 and 5). A device
 * connects with its id as username and its key as password; unknown, wrong-key and revoked
 * devices are refused at CONNECT. With {@code mqtt.tls.cert} set the port speaks MQTT over TLS only. Corridor relays nothing to subscribers: subscriptions are granted
 * (OwnTracks subscribes by default) but receive no messages.
 */
public final class MqttVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MqttVerticle.class);

  private final String host;
  private final int port;
  private final int maxMessageBytes;
  private final ListenerTls tls;
  private final TrackerAuthenticator auth;
  private final MqttRouter router;
  private final MeterRegistry metrics;
  private final IntConsumer bound;
  private MqttServer server;
  private LoopHandOff handOff;

  /**
   * @param port the port; 0 for any free one
   * @param tls the listener's certificate and key, or plain
   * @param bound told the port actually bound
   */
  public MqttVerticle(String host, int port, int maxMessageBytes, ListenerTls tls, TrackerAuthenticator auth,
      MqttRouter router, MeterRegistry metrics, IntConsumer bound) {
    this.host = host;
    this.port = port;
    this.maxMessageBytes = maxMessageBytes;
    this.tls = tls;
    this.auth = auth;
    this.router = router;
    this.metrics = metrics;
    this.bound = bound;
  }

  @Override
  public Future<?> start() {
    handOff = new LoopHandOff(context);
    server = MqttServer.create(vertx, tls.applyTo(new MqttServerOptions().setHost(host).setPort(port)
        .setMaxMessageSize(maxMessageBytes).setTimeoutOnConnect(30)));
    server.endpointHandler(this::connect);
    server.exceptionHandler(e -> LOG.debug("MQTT connection error: {}", e.toString()));
    return server.listen().onSuccess(s -> bound.accept(s.actualPort()));
  }

  private void connect(MqttEndpoint endpoint) {
    String user = endpoint.auth() == null ? null : endpoint.auth().getUsername();
    String password = endpoint.auth() == null ? null : endpoint.auth().getPassword();
    TrackerIdentity device;
    try {
      device = auth.trackerOrDrone(user, password);
    } catch (IngestException e) {
      boolean v5 = endpoint.protocolVersion() >= 5;
      metrics.counter("corridor_mqtt_refused", "reason", "connect_" + e.error()).increment();
      LOG.warn("MQTT connection of '{}' from {} refused: {}", user, endpoint.remoteAddress(), e.getMessage());
      endpoint.reject(e.status() == 401
          ? (v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
              : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD)
          : (v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
              : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED));
      return;
    }
    MqttConnection connection = new MqttConnection(endpoint, device, password, router, metrics, handOff);
    endpoint.publishAutoAck(false);
    endpoint.publishHandler(connection::onPublish);
    endpoint.publishReleaseHandler(endpoint::publishComplete);
    endpoint.subscribeHandler(s -> endpoint.subscribeAcknowledge(s.messageId(),
        s.topicSubscriptions().stream().map(t -> t.qualityOfService() == MqttQoS.EXACTLY_ONCE ? MqttQoS.AT_LEAST_ONCE
            : t.qualityOfService()).toList()));
    endpoint.unsubscribeHandler(u -> endpoint.unsubscribeAcknowledge(u.messageId()));
    endpoint.exceptionHandler(e -> LOG.debug("MQTT connection of '{}': {}", device.id(), e.toString()));
    endpoint.accept(false);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
