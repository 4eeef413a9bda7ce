package dev.kratixtemporal.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The worker alone, for production where the API and the workers scale apart: point
 * spring.temporal.connection.target at the Temporal cluster. (The API process runs workers too unless
 * kratix.worker.enabled=false.)
 */
@SpringBootApplication
public class KratixWorkerApplication {
  public static void main(String[] args) {
    SpringApplication.run(KratixWorkerApplication.class, args);
  }
}
