package dev.kratixtemporal.api.e2e;

import static dev.kratixtemporal.api.e2e.EndToEndTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.api.KratixApplication;
import dev.kratixtemporal.api.kubernetes.Finalizer;
import dev.kratixtemporal.api.kubernetes.KindRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Controller mode against fabric8's mock API server (CRUD mode): custom resources created on the "cluster" reach the
 * same workflows as the REST API, and their status comes back. Its own Spring context (controller on, the mock's
 * client), closed after the class so it holds no embedded Temporal server or informers for the other e2e classes.
 */
@SpringBootTest(classes = {KratixApplication.class, ControllerModeMockKubernetesTest.MockCluster.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"kratix.temporal.embedded=true", "kratix.temporal.port=0", "kratix.dev.enabled=true",
        "kratix.controller.enabled=true", "kratix.controller.status-interval=500ms"})
@DirtiesContext
class ControllerModeMockKubernetesTest {
  private static final String IMAGE = "localhost/kratix-test/trivial:v1";
  private static final KindRef WIDGETS =
      KindRef.requestsOf("kubewidgets", "controller.test.kratix.dev", "v1alpha1", "KubeWidget", "kubewidgets");
  private static final String CRD = "kubewidgets.controller.test.kratix.dev";

  @TestConfiguration
  static class MockCluster {
    @Bean(destroyMethod = "destroy")
    KubernetesMockServer kubernetesMockServer() {
      KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
          new KubernetesCrudDispatcher(), true);
      server.init();
      return server;
    }

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient(KubernetesMockServer server) {
      return server.createClient();
    }
  }

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("kratix-controller-e2e");
    registry.add("kratix.data-dir", dir::toString);
  }

  @LocalServerPort
  int port;

  @Autowired
  KubernetesClient kube;

  @Autowired
  WorkflowClient temporal;

  Api api;
  StateRepository repo;

  @BeforeAll
  static void imageIsPresent() throws Exception {
    Process p = new ProcessBuilder("podman", "image", "exists", IMAGE).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0)
        .as(IMAGE + " is built by deploy/pipeline-images/build.sh").isTrue();
  }

  @BeforeEach
  void connect() {
    api = new Api("http://127.0.0.1:" + port);
    repo = new StateRepository("http://127.0.0.1:" + port + "/git/state.git");
    eventually("Destination dev is Ready", () -> api.getOrNull("/api/v1/destinations/dev"),
        d -> d != null && Status.condition(d, "Ready").equals("True"));
  }

  @Test
  void promiseAndRequestsLiveOnTheClusterAndTheirWorkflowsDoTheWork() throws Exception {
    create(KindRef.PROMISE, """
        apiVersion: platform.kratix.io/v1alpha1
        kind: Promise
        metadata:
          name: kubewidgets
        spec:
          api:
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: kubewidgets.controller.test.kratix.dev
            spec:
              group: controller.test.kratix.dev
              names: {kind: KubeWidget, plural: kubewidgets, singular: kubewidget}
              scope: Namespaced
              versions:
                - name: v1alpha1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec:
                          type: object
                          required: [size]
                          properties:
                            size: {type: string}
          workflows:
            resource:
              configure:
                - apiVersion: platform.kratix.io/v1alpha1
                  kind: Pipeline
                  metadata: {name: trivial}
                  spec:
                    containers:
                      - {name: trivial, image: %s}
        """.formatted(IMAGE));

    // The Promise: its workflow runs, its status and CRD appear on the cluster, deletion is held by our finalizer.
    JsonNode promise = eventually("Promise kubewidgets Available on the cluster", () -> get(KindRef.PROMISE, "", "kubewidgets"),
        p -> p != null && "Available".equals(p.path("status").path("status").asText())
            && Status.condition(p, "Available").equals("True"));
    assertThat(promise.path("status").path("observedGeneration").asLong()).isEqualTo(1);
    assertThat(Finalizer.on(promise)).isTrue();
    assertThat(workflowStatus("promise/kubewidgets").path("status").path("status").asText()).isEqualTo("Available");
    CustomResourceDefinition crd = kube.apiextensions().v1().customResourceDefinitions().withName(CRD).get();
    assertThat(crd).as("CRD installed from spec.api").isNotNull();
    assertThat(crd.getMetadata().getLabels()).containsEntry("kratix.io/promise-name", "kubewidgets");
    assertThat(crd.getSpec().getVersions().get(0).getSubresources().getStatus()).isNotNull();

    // A request: its ResourceWorkflow runs the pipeline, writes the files, and the status comes back.
    create(WIDGETS, """
        apiVersion: controller.test.kratix.dev/v1alpha1
        kind: KubeWidget
        metadata: {name: first, namespace: default}
        spec: {size: small}
        """);
    JsonNode first = eventually("KubeWidget first Reconciled on the cluster", () -> get(WIDGETS, "default", "first"),
        r -> r != null && Status.condition(r, "Reconciled").equals("True"));
    assertThat(first.path("status").path("observedGeneration").asLong()).isEqualTo(1);
    assertThat(first.path("status").path("message").asText()).isEqualTo("Resource requested");
    assertThat(first.path("status").path("kratix").path("workflows").path("pipelines").get(0).path("phase").asText())
        .isEqualTo("Succeeded");
    assertThat(Finalizer.on(first)).isTrue();
    assertThat(Status.condition(workflowStatus("resource/kubewidgets/default/first"), "Reconciled")).isEqualTo("True");
    String dir = "dev/resources/default/kubewidgets/first/";
    assertThat(repo.files()).anyMatch(f -> f.startsWith(dir));

    // A spec change: the cluster's generation 2 is what status.observedGeneration reports once the rerun is done.
    resource(WIDGETS, "default", "first").edit(r -> {
      r.setAdditionalProperty("spec", Map.of("size", "large"));
      return r;
    });
    JsonNode updated = eventually("KubeWidget first observed generation 2", () -> get(WIDGETS, "default", "first"),
        r -> r.path("metadata").path("generation").asLong() == 2 && r.path("status").path("observedGeneration").asLong() == 2
            && Status.condition(r, "Reconciled").equals("True"));
    assertThat(workflowStatus("resource/kubewidgets/default/first").path("spec").path("size").asText()).isEqualTo("large");
    assertThat(updated.path("status").path("kratix").path("workflows").path("pipelines").get(0).path("phase").asText())
        .isEqualTo("Succeeded");

    // kratix.io/manual-reconciliation is acted on and removed, as Kratix does, so that it can be added again.
    resource(WIDGETS, "default", "first").edit(r -> {
      r.getMetadata().setLabels(Map.of("kratix.io/manual-reconciliation", "true"));
      return r;
    });
    eventually("manual-reconciliation label removed", () -> get(WIDGETS, "default", "first"),
        r -> !r.path("metadata").path("labels").has("kratix.io/manual-reconciliation"));

    // A request the Promise's schema rejects: reported on its status, nothing applied.
    create(WIDGETS, """
        apiVersion: controller.test.kratix.dev/v1alpha1
        kind: KubeWidget
        metadata: {name: broken, namespace: default}
        spec: {colour: red}
        """);
    JsonNode broken = eventually("KubeWidget broken rejected", () -> get(WIDGETS, "default", "broken"),
        r -> r != null && Status.condition(r, "Accepted").equals("False"));
    assertThat(Status.reason(broken, "Accepted")).isEqualTo("InvalidDocument");
    assertThat(Status.conditionNode(broken, "Accepted").path("message").asText()).contains("spec").contains("size");
    assertThat(broken.path("status").path("message").asText()).startsWith("Rejected: ");
    assertThatThrownBy(() -> workflowStatus("resource/kubewidgets/default/broken")).isInstanceOf(WorkflowNotFoundException.class);
    assertThat(api.get("/api/v1/promises/kubewidgets/resources/default/broken").status()).isEqualTo(404);

    // Deleting a request: the finalizer holds the object until the delete workflow has ended.
    resource(WIDGETS, "default", "first").delete();
    JsonNode deleting = get(WIDGETS, "default", "first");
    assertThat(deleting).as("held by the finalizer").isNotNull();
    assertThat(Finalizer.deleting(deleting)).isTrue();
    eventually("KubeWidget first gone", () -> get(WIDGETS, "default", "first"), r -> r == null);
    // Gone from the cluster only after its workflow finished: it has ended and its files are removed.
    temporal.newUntypedWorkflowStub("resource/kubewidgets/default/first").getResult(5, TimeUnit.SECONDS, Void.class);
    assertThat(repo.files()).noneMatch(f -> f.startsWith(dir));
    resource(WIDGETS, "default", "broken").delete();
    eventually("KubeWidget broken gone", () -> get(WIDGETS, "default", "broken"), r -> r == null);

    // Deleting the Promise while a request lives: the Promise's workflow deletes the request's, then the request
    // object, the CRD and the Promise object go.
    create(WIDGETS, """
        apiVersion: controller.test.kratix.dev/v1alpha1
        kind: KubeWidget
        metadata: {name: second, namespace: default}
        spec: {size: medium}
        """);
    eventually("KubeWidget second Reconciled on the cluster", () -> get(WIDGETS, "default", "second"),
        r -> r != null && Status.condition(r, "Reconciled").equals("True"));
    resource(KindRef.PROMISE, "", "kubewidgets").delete();
    eventually("Promise kubewidgets gone", () -> get(KindRef.PROMISE, "", "kubewidgets"), p -> p == null);
    temporal.newUntypedWorkflowStub("promise/kubewidgets").getResult(5, TimeUnit.SECONDS, Void.class);
    temporal.newUntypedWorkflowStub("resource/kubewidgets/default/second").getResult(5, TimeUnit.SECONDS, Void.class);
    assertThat(get(WIDGETS, "default", "second")).isNull();
    assertThat(repo.files()).noneMatch(f -> f.startsWith("dev/resources/default/kubewidgets/"));
    assertThat(kube.apiextensions().v1().customResourceDefinitions().withName(CRD).get()).isNull();
    assertThat(api.get("/api/v1/promises/kubewidgets").status()).isEqualTo(404);
  }

  @Test
  void anInvalidPromiseIsReportedOnItsStatusAndChangesNothing() {
    // A CRD of the same name that no Promise installed: deleting the bad Promise must leave it alone.
    String crdName = "clusterwides.controller.test.kratix.dev";
    kube.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName(crdName).endMetadata()
        .withNewSpec().withGroup("controller.test.kratix.dev").withScope("Cluster")
        .withNewNames().withKind("ClusterWide").withPlural("clusterwides").endNames()
        .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true).endVersion()
        .endSpec().build()).create();
    create(KindRef.PROMISE, """
        apiVersion: platform.kratix.io/v1alpha1
        kind: Promise
        metadata:
          name: kubeclusterwide
        spec:
          api:
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: clusterwides.controller.test.kratix.dev}
            spec:
              group: controller.test.kratix.dev
              names: {kind: ClusterWide, plural: clusterwides}
              scope: Cluster
              versions: [{name: v1alpha1, served: true, storage: true}]
        """);
    JsonNode promise = eventually("Promise kubeclusterwide rejected", () -> get(KindRef.PROMISE, "", "kubeclusterwide"),
        p -> p != null && Status.condition(p, "Accepted").equals("False"));
    assertThat(Status.conditionNode(promise, "Accepted").path("message").asText())
        .isEqualTo("spec.api.spec.scope: must be Namespaced, got 'Cluster'");
    assertThatThrownBy(() -> workflowStatus("promise/kubeclusterwide")).isInstanceOf(WorkflowNotFoundException.class);
    assertThat(kube.apiextensions().v1().customResourceDefinitions().withName(crdName).get().getMetadata().getLabels())
        .as("not taken over by the rejected Promise").isNullOrEmpty();

    resource(KindRef.PROMISE, "", "kubeclusterwide").delete();
    eventually("Promise kubeclusterwide gone", () -> get(KindRef.PROMISE, "", "kubeclusterwide"), p -> p == null);
    assertThat(kube.apiextensions().v1().customResourceDefinitions().withName(crdName).get()).isNotNull();
  }

  private void create(KindRef kind, String yaml) {
    GenericKubernetesResource r = kube.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
    operation(kind, r.getMetadata().getNamespace()).resource(r).create();
  }

  private JsonNode get(KindRef kind, String namespace, String name) {
    GenericKubernetesResource r = resource(kind, namespace, name).get();
    return r == null ? null : kube.getKubernetesSerialization().convertValue(r, ObjectNode.class);
  }

  private Resource<GenericKubernetesResource> resource(KindRef kind, String namespace, String name) {
    return operation(kind, namespace).withName(name);
  }

  private NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>> operation(
      KindRef kind, String namespace) {
    var op = kube.genericKubernetesResources(kind.context());
    return kind.namespaced() ? op.inNamespace(namespace) : op;
  }

  private ObjectNode workflowStatus(String workflowId) {
    return temporal.newUntypedWorkflowStub(workflowId).query("status", ObjectNode.class);
  }
}
