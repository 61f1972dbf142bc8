package io.corridor.api.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Where a provider's JWKS document is read from: its URL or a file. */
public interface JwksSource {

  /** Reads the current document. */
  Future<JsonObject> fetch();

  /** What is read, for messages. */
  String describe();

  /** The source {@code options} name. */
  static JwksSource of(Vertx vertx, IdentityOptions options) {
    return options.jwksUrl() != null ? url(vertx, options.jwksUrl()) : file(vertx, options.jwksFile());
  }

  /** Fetches {@code url} over HTTP(S), without blocking an event loop. */
  static JwksSource url(Vertx vertx, URI url) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return new JwksSource() {
      @Override
      public Future<JsonObject> fetch() {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
            .header("Accept", "application/json").GET().build();
        return Future.fromCompletionStage(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()),
            vertx.getOrCreateContext()).map(response -> {
              if (response.statusCode() != 200) {
                throw new IllegalStateException("JWKS " + url + " answered " + response.statusCode());
              }
              return new JsonObject(response.body());
            });
      }

      @Override
      public String describe() {
        return url.toString();
      }
    };
  }

  /** Reads {@code file} on a worker thread. */
  static JwksSource file(Vertx vertx, Path file) {
    return new JwksSource() {
      @Override
      public Future<JsonObject> fetch() {
        return vertx.fileSystem().readFile(file.toString()).map(buffer -> new JsonObject(buffer));
      }

      @Override
      public String describe() {
        return file.toString();
      }
    };
  }
}
