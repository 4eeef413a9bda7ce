package dev.kratixtemporal.api.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.model.KratixYaml;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests as an attacker sends them: any bytes, any Content-Type, any length, chunked or not. */
final class HostileRequests {
  record Answer(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return KratixYaml.JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + contentType + "): " + body, e);
      }
    }
  }

  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  HostileRequests(String base) {
    this.base = base;
  }

  Answer post(String path, String contentType, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) b.header("Content-Type", contentType);
    return send(b.build());
  }

  /** A body of unknown length: sent chunked. */
  Answer postChunked(String path, String contentType, InputStream body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build());
  }

  /** A raw request line, for URLs that java.net.URI would refuse to build. */
  Answer rawGet(String target) {
    try (var socket = new java.net.Socket("127.0.0.1", URI.create(base).getPort())) {
      socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      String[] headAndBody = response.split("\r\n\r\n", 2);
      String[] lines = headAndBody[0].split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      String type = "";
      for (String line : lines) {
        if (line.toLowerCase().startsWith("content-type:")) type = line.substring(13).trim();
      }
      String body = headAndBody.length > 1 ? headAndBody[1] : "";
      if (response.toLowerCase().contains("transfer-encoding: chunked")) body = unchunk(body);
      return new Answer(status, type, body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String unchunk(String body) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      int eol = body.indexOf("\r\n", i);
      int size = Integer.parseInt(body.substring(i, eol).trim(), 16);
      if (size == 0) break;
      out.append(body, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
    return out.toString();
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
