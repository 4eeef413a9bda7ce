package dev.kratixtemporal.api.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.KratixYaml;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain HTTP client of the REST API, as a script or curl would use it. */
final class Api {
  record Response(int status, JsonNode body) {}

  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  Api(String base) {
    this.base = base;
  }

  Response apply(String yaml) {
    return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/apply"))
        .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(yaml)).build());
  }

  /** Applies and insists on success. */
  JsonNode applyOk(String yaml) {
    Response r = apply(yaml);
    if (r.status() != 200) throw new AssertionError("apply failed with " + r.status() + ": " + r.body());
    return r.body();
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  JsonNode getOrNull(String path) {
    Response r = get(path);
    return r.status() == 200 ? r.body() : null;
  }

  Response delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE().build());
  }

  Response post(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = r.body().isEmpty() ? null : KratixYaml.JSON.readTree(r.body());
      return new Response(r.statusCode(), body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
