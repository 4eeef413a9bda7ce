package dev.kratixtemporal.api;

import dev.kratixtemporal.worker.WorkerConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** The all-in-one process: REST API, worker and (with the dev profile) the embedded Temporal server. */
@SpringBootApplication
@Import(WorkerConfiguration.class)
@EnableConfigurationProperties(ApiProperties.class)
public class KratixApplication {
  public static void main(String[] args) {
    SpringApplication.run(KratixApplication.class, args);
  }
}
