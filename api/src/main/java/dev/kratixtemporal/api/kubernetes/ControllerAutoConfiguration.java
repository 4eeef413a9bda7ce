package dev.kratixtemporal.api.kubernetes;

import dev.kratixtemporal.api.ApplyService;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.temporal.client.WorkflowClient;
import dev.kratixtemporal.api.ApiProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * Controller mode, on with {@code kratix.controller.enabled=true}. An auto-configuration (listed in
 * META-INF/spring/...AutoConfiguration.imports), so that a KubernetesClient bean of the application's own, a test's
 * for instance, wins over the one built here from the default kube config (in-cluster service account, KUBECONFIG
 * or ~/.kube/config, as fabric8 finds it).
 */
@AutoConfiguration
@ConditionalOnProperty(name = "kratix.controller.enabled", havingValue = "true")
public class ControllerAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public KubernetesClient kubernetesClient() {
    return new KubernetesClientBuilder().build();
  }

  @Bean(destroyMethod = "close")
  public KratixController kratixController(KubernetesClient client, ApplyService applyService, WorkflowClient temporal,
      ApiProperties settings) {
    return new KratixController(client, applyService, temporal, settings.controller().statusInterval());
  }

  /** Started once the application is ready, beside the workers, which the first applies wait for. */
  @Bean
  public ApplicationListener<ApplicationReadyEvent> kratixControllerStarter(KratixController controller) {
    return event -> controller.start();
  }
}
