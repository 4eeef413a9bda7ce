package dev.kratixtemporal.api.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The alert webhook's receiver for the e2e suite (docs/slos.md, "Alert webhook"): a JDK HTTP server on loopback that
 * keeps every POST. EndToEndTest points kratix.slo.webhook.url at it, so the suite shares one Spring context (one
 * dev server) whatever SLOs its classes create.
 */
final class AlertReceiver {
  static final String HEADER = "Authorization";
  static final String TOKEN = "Bearer wh-token";

  /** One POST: its Authorization and Content-Type headers and its JSON body. */
  record Received(String authorization, String contentType, JsonNode body) {}

  private static final BlockingQueue<Received> RECEIVED = new LinkedBlockingQueue<>();
  private static final HttpServer SERVER = start();

  private AlertReceiver() {}

  private static HttpServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/wh-alerts", exchange -> {
        byte[] body = exchange.getRequestBody().readAllBytes();
        RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst(HEADER),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            new ObjectMapper().readTree(new String(body, StandardCharsets.UTF_8))));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String url() {
    return "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/wh-alerts";
  }

  /** The next POST that matches, waiting at most {@code timeout}; null if none came. Others are dropped. */
  static Received next(Predicate<Received> matching, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return null;
      Received r = RECEIVED.poll(left, TimeUnit.NANOSECONDS);
      if (r == null) return null;
      if (matching.test(r)) return r;
    }
  }
}
