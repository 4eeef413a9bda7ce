package dev.kratixtemporal.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With kratix.temporal.embedded=true, starts the embedded server before any Temporal bean exists and points
 * spring.temporal.connection.target at it. kratix.temporal.port=0 picks a free port (tests).
 */
public class EmbeddedTemporalEnvironment implements EnvironmentPostProcessor {
  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    if (!env.getProperty("kratix.temporal.embedded", Boolean.class, false)) return;
    if (env.getPropertySources().contains("kratixEmbeddedTemporal")) return;
    try {
      EmbeddedTemporalServer server = EmbeddedTemporalServer.start(env.getProperty("kratix.temporal.port", Integer.class, 7233));
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      // The server's threads would keep the JVM alive after a failed start or a closed context.
      application.addListeners((ApplicationListener<ApplicationFailedEvent>) e -> server.close());
      application.addListeners((ApplicationListener<ContextClosedEvent>) e -> server.close());
      env.getPropertySources().addFirst(new MapPropertySource("kratixEmbeddedTemporal", Map.of(
          "spring.temporal.connection.target", server.target(),
          "kratix.temporal.embedded-port", server.port())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Temporal server: " + e.getMessage(), e);
    }
  }
}
