package io.corridor.tracking.http;

import io.corridor.tracking.shipments.CargoAlertRepository;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One alert stream connection: sends the stored alert changes numbered after the last one sent, in
 * order, whenever it is woken; one read at a time (a wake-up during a read makes one more). When
 * the connection's write queue is full it closes the connection instead of skipping events: the
 * client resumes by {@code Last-Event-ID}. Reads run on a worker; writes on the connection's
 * event loop.
 */
final class StreamClient {

  private static final Logger LOG = LoggerFactory.getLogger(StreamClient.class);
  /** Changes read at once; a full batch is followed by the next at once. */
  static final int BATCH = 200;

  private final Vertx vertx;
  private final HttpServerResponse response;
  private final CargoAlertRepository alerts;
  private final Runnable onSlow;
  private long lastSent;
  private boolean reading;
  private boolean again;

  StreamClient(Vertx vertx, HttpServerResponse response, CargoAlertRepository alerts, long after, Runnable onSlow) {
    this.vertx = vertx;
    this.response = response;
    this.alerts = alerts;
    this.lastSent = after;
    this.onSlow = onSlow;
  }

  /** Sends what was stored since the last event sent (event loop). */
  void pull() {
    if (response.closed()) {
      return;
    }
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    again = false;
    long from = lastSent;
    vertx.executeBlocking(() -> alerts.eventsAfter(from, BATCH), false).onComplete(r -> {
      reading = false;
      if (r.failed()) {
        LOG.warn("cargo alert stream: changes after {} not read; retried with the next wake-up: {}", from, r.cause().toString());
        return;
      }
      if (send(r.result()) && (again || r.result().size() == BATCH)) {
        pull();
      }
    });
  }

  /** Writes {@code events}; false when the connection is gone or was closed for being slow. */
  private boolean send(List<CargoAlertRepository.Event> events) {
    for (CargoAlertRepository.Event e : events) {
      if (response.closed()) {
        return false;
      }
      if (response.writeQueueFull()) {
        onSlow.run();
        LOG.info("cargo alert stream: client too slow at event {}; disconnected, it resumes by Last-Event-ID", lastSent);
        response.reset(); // closes at once: ending would wait behind the full queue
        return false;
      }
      response.write("id: " + e.seq() + "\nevent: " + e.change() + "\ndata: "
          + ShipmentViews.alert(e.alert(), e.acknowledgement()).put("change", e.change()).encode() + "\n\n");
      lastSent = e.seq();
    }
    return true;
  }
}
