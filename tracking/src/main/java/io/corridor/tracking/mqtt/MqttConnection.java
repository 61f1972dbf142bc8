package io.corridor.tracking.mqtt;

import io.corridor.ingest.IngestException;
import io.corridor.ingest.UnavailableException;
import io.corridor.tracking.positions.DeviceAnswers;
import io.corridor.tracking.positions.LoopHandOff;
import io.corridor.tracking.positions.TrackerIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected device. A QoS 1 message is acknowledged (PUBACK; PUBREC for QoS 2) only after what
 * it carries is committed, and in the order the messages arrived, as MQTT requires. A message that
 * cannot be taken is refused by ending the connection, with a reason code on MQTT 5
 * (payload format invalid, not authorized, topic name invalid, server busy) and by closing it on
 * MQTT 3.1.1; a message that could not be stored now (overload, database outage) is never
 * acknowledged, so the device keeps it and sends it again when it reconnects. Every refusal is
 * counted and logged with the device. Runs on the endpoint's event loop.
 */
final class MqttConnection {

  private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);

  private final MqttEndpoint endpoint;
  private final TrackerIdentity device;
  private final String key;
  private final MqttRouter router;
  private final MeterRegistry metrics;
  /** Brings commits onto this connection's event loop, one wake-up per group commit. */
  private final LoopHandOff handOff;
  /** Looked up once per connection, not per message. */
  private final Counter storedMessages;
  /** Completes when the previous message's answer is sent: answers leave in arrival order. */
  private Future<?> answered = Future.succeededFuture();

  MqttConnection(MqttEndpoint endpoint, TrackerIdentity device, String key, MqttRouter router, MeterRegistry metrics,
      LoopHandOff handOff) {
    this.endpoint = endpoint;
    this.device = device;
    this.key = key;
    this.router = router;
    this.metrics = metrics;
    this.handOff = handOff;
    this.storedMessages = metrics.counter("corridor_mqtt_messages_stored");
  }

  void onPublish(MqttPublishMessage message) {
    Future<?> stored;
    try {
      stored = handOff.future(router.route(device, key, message.topicName(), message.payload().getBytes()));
    } catch (RuntimeException e) {
      stored = Future.failedFuture(e); // never let a bad message take the server down
    }
    Future<?> mine = stored;
    answered = answered.transform(previous -> mine);
    answered.onComplete(result -> {
      if (!endpoint.isConnected()) {
        return;
      }
      if (result.succeeded()) {
        storedMessages.increment();
        acknowledge(message);
      } else {
        refuse(message, DeviceAnswers.unwrap(result.cause()));
      }
    });
  }

  private void acknowledge(MqttPublishMessage message) {
    if (message.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
      endpoint.publishAcknowledge(message.messageId());
    } else if (message.qosLevel() == MqttQoS.EXACTLY_ONCE) {
      endpoint.publishReceived(message.messageId());
    }
  }

  private void refuse(MqttPublishMessage message, Throwable cause) {
    MqttDisconnectReasonCode code;
    String reason;
    if (cause instanceof UnavailableException) {
      code = MqttDisconnectReasonCode.SERVER_BUSY;
      reason = "unavailable";
    } else if (cause instanceof IngestException e) {
      reason = e.error();
      code = switch (e.status()) {
        case 403 -> MqttDisconnectReasonCode.NOT_AUTHORIZED;
        case 404 -> MqttDisconnectReasonCode.TOPIC_NAME_INVALID;
        case 413 -> MqttDisconnectReasonCode.PACKET_TOO_LARGE;
        default -> MqttDisconnectReasonCode.PAYLOAD_FORMAT_INVALID;
      };
    } else {
      code = MqttDisconnectReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
      reason = "internal_error";
      LOG.error("MQTT message from '{}' on '{}' failed", device.id(), message.topicName(), cause);
    }
    metrics.counter("corridor_mqtt_refused", "reason", reason).increment();
    LOG.warn("MQTT message {} from '{}' on '{}' refused ({}): {}", message.messageId(), device.id(), message.topicName(),
        code, cause instanceof IngestException e && e.field() != null ? e.field() + ": " + e.getMessage() : cause.getMessage());
    if (endpoint.protocolVersion() >= 5) {
      endpoint.disconnect(code, MqttProperties.NO_PROPERTIES);
    } else {
      endpoint.close();
    }
  }
}
