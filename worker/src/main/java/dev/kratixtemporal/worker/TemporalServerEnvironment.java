package dev.kratixtemporal.worker;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Which Temporal server the process talks to (kratix.temporal.server), started before any Temporal bean exists:
 * <ul>
 *   <li>{@code dev}: {@code temporal server start-dev} as a child process, its database in kratix.data-dir, with the
 *       Web UI on kratix.temporal.ui-port (see {@link TemporalDevServer});</li>
 *   <li>{@code in-memory}: the SDK's test server inside this JVM; forgets everything when the process stops
 *       (kratix.temporal.embedded=true is an older name for it);</li>
 *   <li>{@code external} (default): spring.temporal.connection.target as configured.</li>
 * </ul>
 * Ports 0 pick free ones (tests); spring.temporal.connection.target is pointed at the server started, and
 * kratix.temporal.bound-port / bound-ui-port tell which ports it got. The server starts in a context initializer,
 * not here, so that properties added after the environment is prepared (a test's DynamicPropertySource data
 * dir) are seen.
 */
public class TemporalServerEnvironment implements EnvironmentPostProcessor {
  static final String SOURCE = "kratixTemporalServer";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    if (!mode(env).equals("external")) application.addInitializers(new StartServer());
  }

  /** Runs after the test framework's initializers (same lowest order, added later). */
  static final class StartServer implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {
    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void initialize(ConfigurableApplicationContext ctx) {
      ConfigurableEnvironment env = ctx.getEnvironment();
      if (env.getPropertySources().contains(SOURCE)) return;
      String mode = mode(env);
      int port = env.getProperty("kratix.temporal.port", Integer.class, 7233);
      try {
        Closeable server;
        Map<String, Object> published;
        if (mode.equals("dev")) {
          TemporalDevServer dev = TemporalDevServer.start(new TemporalDevServer.Settings(
              env.getProperty("kratix.temporal.cli", "temporal"),
              Path.of(env.getProperty("kratix.data-dir", "data")),
              port,
              // as the CLI does: the UI on the gRPC port + 1000 unless told otherwise
              env.getProperty("kratix.temporal.ui-port", Integer.class, port == 0 ? 0 : port + 1000),
              env.getProperty("spring.temporal.namespace", "default"),
              uiCodecEndpoint(env)));
          server = dev;
          published = Map.of("spring.temporal.connection.target", dev.target(),
              "kratix.temporal.bound-port", dev.port(), "kratix.temporal.bound-ui-port", dev.uiPort());
        } else {
          EmbeddedTemporalServer embedded = EmbeddedTemporalServer.start(port);
          server = embedded;
          published = Map.of("spring.temporal.connection.target", embedded.target(),
              "kratix.temporal.bound-port", embedded.port());
        }
        Runnable stop = () -> {
          try {
            server.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "kratix-temporal-server-stop"));
        // Closed with the context (also a failed one; tests close contexts). As the first disposable bean it is
        // destroyed last, after the workers have stopped polling.
        ((DefaultSingletonBeanRegistry) ctx.getBeanFactory()).registerDisposableBean("kratixTemporalServer", stop::run);
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE, published));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the " + mode + " Temporal server: " + e.getMessage(), e);
      }
    }
  }

  /**
   * kratix.temporal.ui-codec-endpoint (the api sets it to its own /codec), or null when unset or when it names port 0:
   * the server starts before the web server, so a port picked at random is not known yet.
   */
  static String uiCodecEndpoint(ConfigurableEnvironment env) {
    String url = env.getProperty("kratix.temporal.ui-codec-endpoint", "");
    if (url.isBlank()) return null;
    return java.net.URI.create(url).getPort() == 0 ? null : url;
  }

  static String mode(ConfigurableEnvironment env) {
    String mode = env.getProperty("kratix.temporal.server");
    if (mode == null || mode.isBlank()) {
      mode = env.getProperty("kratix.temporal.embedded", Boolean.class, false) ? "in-memory" : "external";
    }
    if (!mode.equals("dev") && !mode.equals("in-memory") && !mode.equals("external")) {
      throw new IllegalArgumentException("kratix.temporal.server must be dev, in-memory or external, got '" + mode + "'");
    }
    return mode;
  }
}
