package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.testsupport.KratixSamples;
import dev.kratixtemporal.workflow.ResourceWorkflow;
import org.junit.jupiter.api.Test;

/** The namespace and redis marketplace Promises, applied byte-for-byte unchanged, end to end. */
class MarketplaceSamplesTest extends EndToEndTest {

  @Test
  void namespacePromiseAndRequestLandInGitAtKratixPaths() {
    JsonNode applied = api.applyOk(KratixSamples.read("namespace/promise.yaml"));
    assertThat(applied.get(0).path("workflowId").asText()).isEqualTo("promise/namespace");
    JsonNode promise = awaitAvailable("namespace");
    assertThat(Status.condition(promise, "Available")).isEqualTo("True");
    assertThat(promise.path("status").path("kind").asText()).isEqualTo("namespace");
    assertThat(promise.path("status").path("apiVersion").asText()).isEqualTo("marketplace.kratix.io/v1alpha1");
    assertThat(promise.path("status").path("version").asText()).isEqualTo("v1.0.0");

    JsonNode request = api.applyOk(KratixSamples.read("namespace/resource-request.yaml")).get(0);
    assertThat(request.path("workflowId").asText()).isEqualTo("resource/namespace/default/example");
    assertThat(request.path("generation").asLong()).isEqualTo(1);

    JsonNode rr = eventually("request Reconciled", () -> api.getOrNull("/api/v1/promises/namespace/resources/default/example"),
        r -> r != null && Status.condition(r, "Reconciled").equals("True"));
    assertThat(Status.condition(rr, "ConfigureWorkflowCompleted")).isEqualTo("True");
    assertThat(Status.reason(rr, "ConfigureWorkflowCompleted")).isEqualTo("PipelinesExecutedSuccessfully");
    assertThat(Status.condition(rr, "WorksSucceeded")).isEqualTo("True");
    JsonNode status = rr.path("status");
    assertThat(status.path("message").asText()).isEqualTo("Resource requested");
    assertThat(status.path("observedGeneration").asLong()).isEqualTo(1);
    assertThat(status.path("workflows").asInt()).isEqualTo(1);
    assertThat(status.path("workflowsSucceeded").asInt()).isEqualTo(1);
    assertThat(status.path("workflowsFailed").asInt()).isZero();
    JsonNode pipeline = status.path("kratix").path("workflows").path("pipelines").get(0);
    assertThat(pipeline.path("name").asText()).isEqualTo("instance-configure");
    assertThat(pipeline.path("phase").asText()).isEqualTo("Succeeded");
    assertThat(status.path("kratix").path("workPlacements").get(0).path("destination").asText()).isEqualTo("dev");

    String file = "dev/resources/default/namespace/example/instance-configure/5058f/namespace.yaml";
    assertThat(repo.files()).contains(file, "dev/dependencies/kratix-canary-namespace.yaml",
        "dev/resources/kratix-canary-configmap.yaml");
    assertThat(repo.read(file)).contains("kind: Namespace").contains("name: promised-namespace");
    assertThat(repo.log()).anySatisfy(line -> assertThat(line)
        .matches("kratix <kratix@kratix.io>\\|Update from: namespace-example-instance-configure-[0-9a-f]{5}\\.dev-5058f"));

    // The same status through Temporal, as `temporal workflow query --name status` shows it.
    JsonNode queried = temporal.newWorkflowStub(ResourceWorkflow.class, "resource/namespace/default/example").status();
    assertThat(queried).isEqualTo(api.getOrNull("/api/v1/promises/namespace/resources/default/example"));
  }

  @Test
  void redisPromiseWritesDependenciesAndTheRequestsRedisFailover() {
    api.applyOk(KratixSamples.read("redis/promise.yaml"));
    awaitAvailable("redis");
    assertThat(repo.files()).contains("dev/dependencies/redis/promise-configure/5058f/redis-operator-deployment.yaml");

    api.applyOk(KratixSamples.read("redis/resource-request.yaml"));
    JsonNode rr = eventually("redis request Reconciled", () -> api.getOrNull("/api/v1/promises/redis/resources/default/example"),
        r -> r != null && Status.condition(r, "Reconciled").equals("True"));
    // The schema's default (size: small) is applied, as Kubernetes would.
    assertThat(rr.path("spec").path("size").asText()).isEqualTo("small");
    String instance = repo.read("dev/resources/default/redis/example/instance-configure/5058f/redis-instance.yaml");
    assertThat(instance).contains("kind: RedisFailover").contains("name: example");
    assertThat(api.get("/api/v1/promises/redis/resources").body()).hasSize(1);
  }
}
