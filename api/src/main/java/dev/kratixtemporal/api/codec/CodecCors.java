package dev.kratixtemporal.api.codec;

import dev.kratixtemporal.worker.KratixProperties;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The Web UI calls the codec endpoint from the browser, from its own origin: CORS for /codec/** only, for the
 * origins of kratix.temporal.codec-allowed-origins, by default the dev server's UI (http://localhost and
 * http://127.0.0.1 on kratix.temporal.ui-port). The UI sends X-Namespace, and Authorization when told to pass its
 * access token.
 */
@Configuration
public class CodecCors implements WebMvcConfigurer {
  static final String[] HEADERS = {"Content-Type", "X-Namespace", "Authorization"};

  private final List<String> origins;

  public CodecCors(KratixProperties props, Environment env) {
    this.origins = props.temporal().codecAllowedOrigins().isEmpty() ? uiOrigins(env) : props.temporal().codecAllowedOrigins();
  }

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    registry.addMapping("/codec/**")
        .allowedOrigins(origins.toArray(String[]::new))
        .allowedMethods("POST", "OPTIONS")
        .allowedHeaders(HEADERS)
        .allowCredentials(true) // the UI may send its cookies (includeCredentials)
        .maxAge(3600);
  }

  /** The Web UI's port: the one the dev server got, else the setting, else the CLI's default (gRPC port + 1000). */
  static List<String> uiOrigins(Environment env) {
    Integer bound = env.getProperty("kratix.temporal.bound-ui-port", Integer.class);
    Integer setting = env.getProperty("kratix.temporal.ui-port", Integer.class);
    int grpc = env.getProperty("kratix.temporal.port", Integer.class, 7233);
    int port = bound != null ? bound : setting != null ? setting : grpc == 0 ? 8233 : grpc + 1000;
    return List.of("http://localhost:" + port, "http://127.0.0.1:" + port);
  }
}
