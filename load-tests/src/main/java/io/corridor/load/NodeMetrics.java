package io.corridor.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The node's {@code /metrics}, fetched the way a Prometheus scraper fetches it: HTTP/1.1 over one
 * kept-alive connection. The JDK's client otherwise asks for HTTP/2 on every new connection
 * ({@code Upgrade: h2c}); the node then ran its HTTP/2 code for the bench's own meters, right
 * before a timed phase, and the JIT deoptimised Netty's shared write path for it and compiled it
 * again inside the phase (docs/benchmarks.md).
 */
final class NodeMetrics {

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final HttpRequest request;

  NodeMetrics(int httpPort) {
    this.request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
        .timeout(Duration.ofSeconds(30)).build();
  }

  /** The exposition text now. */
  String scrape() throws IOException, InterruptedException {
    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IOException("/metrics answered " + answer.statusCode());
    }
    return answer.body();
  }

  /** The sum of every series of {@code name} in {@code text} (labels aside); 0 when there is none. */
  static double metric(String text, String name) {
    return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).mapToDouble(
        l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
