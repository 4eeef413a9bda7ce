package dev.kratixtemporal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.testsupport.KratixSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromiseTest {

  // ---- real samples ----

  @ParameterizedTest
  @ValueSource(strings = {
      "namespace/promise.yaml",
      "redis/promise.yaml",
      "aws-rds/promise.yaml",
      "app-stack/promise.yaml",
      "app-stack/promises/postgresql-promise.yaml",
      "app-stack/promises/runtime-promise.yaml",
      "paved-path-demo/promise.yaml",
      "cert-manager/promise.yaml",
      "workflow-control/promise.yaml",
      "workflow-control/promise-retry.yaml",
      "workflow-control/promise-updated.yaml",
      "redis-multi-cluster-replication/promise.yaml",
      "s3-hcp/promise.yaml",
      "namespace-claim/promise.yaml"})
  void samplePromiseParses(String file) {
    List<ObjectNode> docs = Samples.promiseDocs(file);
    assertThat(docs).as("Promise documents in " + file).isNotEmpty();

    for (ObjectNode doc : docs) {
      Promise p = Promise.parse(doc);
      assertThat(p.name()).isEqualTo(Docs.name(doc));
    }
  }

  @Test
  void appStackSampleParses() {
    Promise p = Samples.promise("app-stack/promise.yaml");

    assertThat(p.resourceConfigure()).hasSize(3);
    assertThat(p.destinationSelectors()).containsExactly(Map.of("environment", "platform"));
  }

  @Test
  void everyPromiseDocumentUnderSamplesParses() throws IOException {
    Path dir = KratixSamples.dir();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      // expected-pipeline-output holds pipeline metadata files (lists), not Kratix documents.
      files = walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .filter(f -> !f.toString().contains("expected-pipeline-output")).sorted().toList();
    }
    int promises = 0;
    for (Path f : files) {
      for (ObjectNode doc : KratixYaml.parseAll(Files.readString(f))) {
        if (!"Promise".equals(Docs.kind(doc))) continue;
        try {
          Promise.parse(doc);
        } catch (InvalidDocumentException e) {
          throw new AssertionError(dir.relativize(f) + ": " + e.getMessage(), e);
        }
        promises++;
      }
    }
    assertThat(promises).isGreaterThanOrEqualTo(13);
  }

  @Test
  void namespaceSampleApiAndPipeline() {
    Promise p = Samples.promise("namespace/promise.yaml");

    assertThat(p.name()).isEqualTo("namespace");
    assertThat(p.version()).isEqualTo("v1.0.0");
    assertThat(p.api().kind()).isEqualTo("namespace");
    assertThat(p.api().group()).isEqualTo("marketplace.kratix.io");
    assertThat(p.api().plural()).isEqualTo("namespaces");
    assertThat(p.api().version()).isEqualTo("v1alpha1");
    assertThat(p.api().apiVersion()).isEqualTo("marketplace.kratix.io/v1alpha1");
    assertThat(p.api().crdName()).isEqualTo("namespaces.marketplace.kratix.io");
    assertThat(p.api().schema()).isNotNull();
    assertThat(p.resourceConfigure()).singleElement().satisfies(pl -> {
      assertThat(pl.name()).isEqualTo("instance-configure");
      assertThat(pl.containers()).singleElement().satisfies(c -> {
        assertThat(c.name()).isEqualTo("namespace-configure-pipeline");
        assertThat(c.image()).isEqualTo("ghcr.io/syntasso/kratix-marketplace/namespace-configure-pipeline:v0.1.0");
      });
    });
    assertThat(p.promiseConfigure()).isEmpty();
    assertThat(p.resourceDelete()).isEmpty();
    assertThat(p.destinationSelectors()).isEmpty();
  }

  @Test
  void redisSampleSelectorsAndPromisePipeline() {
    Promise p = Samples.promise("redis/promise.yaml");

    assertThat(p.destinationSelectors()).containsExactly(Map.of("environment", "dev"));
    assertThat(p.promiseConfigure()).singleElement().satisfies(pl -> {
      assertThat(pl.name()).isEqualTo("promise-configure");
      assertThat(pl.containers()).extracting(Container::image)
          .containsExactly("ghcr.io/syntasso/kratix-marketplace/redis-configure-pipeline:v0.1.0");
    });
    assertThat(p.resourceConfigure()).extracting(Pipeline::name).containsExactly("instance-configure");
  }

  @Test
  void certManagerSampleHasNoApi() {
    Promise p = Samples.promise("cert-manager/promise.yaml");

    assertThat(p.api()).isNull();
    assertThat(p.promiseConfigure()).hasSize(1);
  }

  @Test
  void awsRdsSampleHasTwoResourceConfigurePipelinesAndADeletePipeline() {
    Promise p = Samples.promise("aws-rds/promise.yaml");

    assertThat(p.resourceConfigure()).hasSize(2);
    assertThat(p.resourceDelete()).hasSize(1);
  }

  @Test
  void awsRdsSampleAliasedEnvIsResolved() {
    Promise p = Samples.promise("aws-rds/promise.yaml");

    var configureEnv = p.resourceConfigure().get(0).raw().path("spec").path("containers").get(0).path("env");
    var waitEnv = p.resourceConfigure().get(1).raw().path("spec").path("containers").get(0).path("env");
    var deleteEnv = p.resourceDelete().get(0).raw().path("spec").path("containers").get(0).path("env");
    assertThat(configureEnv.isArray()).isTrue();
    assertThat(waitEnv).isEqualTo(configureEnv);
    assertThat(deleteEnv).isEqualTo(configureEnv);
  }

  // ---- rejections ----

  private static final String VALID = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: Promise
      metadata:
        name: demo
      spec:
        api:
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata:
            name: demos.example.com
          spec:
            group: example.com
            names: {kind: Demo, plural: demos, singular: demo}
            scope: Namespaced
            versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
        destinationSelectors:
          - matchLabels: {environment: dev}
        workflows:
          resource:
            configure:
              - apiVersion: platform.kratix.io/v1alpha1
                kind: Pipeline
                metadata:
                  name: first
                spec:
                  containers:
                    - name: main
                      image: example/first:v1
      """;

  private static Promise parse(String yaml) {
    return Promise.parse(KratixYaml.parseOne(yaml));
  }

  private static ObjectNode valid() {
    return KratixYaml.parseOne(VALID);
  }

  private static ObjectNode firstPipeline(ObjectNode promise) {
    return (ObjectNode) promise.path("spec").path("workflows").path("resource").path("configure").get(0);
  }

  @Test
  void inlineValidPromiseParses() {
    Promise p = parse(VALID);

    assertThat(p.api().kind()).isEqualTo("Demo");
    assertThat(p.resourceConfigure()).extracting(Pipeline::name).containsExactly("first");
  }

  @Test
  void unknownPipelineSpecFieldIsRejectedByPath() {
    ObjectNode doc = valid();
    ((ObjectNode) firstPipeline(doc).get("spec")).put("foo", "bar");

    assertThatThrownBy(() -> Promise.parse(doc)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("spec.workflows.resource.configure[0].spec.foo")
        .hasMessageContaining("unknown field");
  }

  @Test
  void unknownContainerFieldIsRejectedByPath() {
    ObjectNode doc = valid();
    ((ObjectNode) firstPipeline(doc).path("spec").path("containers").get(0)).put("imageTag", "x");

    assertThatThrownBy(() -> Promise.parse(doc)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("spec.workflows.resource.configure[0].spec.containers[0].imageTag");
  }

  @Test
  void unknownTopLevelPipelineFieldIsRejected() {
    ObjectNode doc = valid();
    firstPipeline(doc).put("status", "x");

    assertThatThrownBy(() -> Promise.parse(doc)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("spec.workflows.resource.configure[0].status");
  }

  @Test
  void duplicatePipelineNamesAreRejected() {
    ObjectNode doc = valid();
    var list = (com.fasterxml.jackson.databind.node.ArrayNode) doc.path("spec").path("workflows").path("resource")
        .path("configure");
    list.add(firstPipeline(doc).deepCopy());

    assertThatThrownBy(() -> Promise.parse(doc)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("spec.workflows.resource.configure[1]")
        .hasMessageContaining("duplicate").hasMessageContaining("first");
  }

  @Test
  void sameNameInDifferentWorkflowsIsAllowed() {
    ObjectNode doc = valid();
    ((ObjectNode) doc.path("spec").path("workflows").path("resource")).putArray("delete").add(firstPipeline(doc).deepCopy());

    assertThat(Promise.parse(doc).resourceDelete()).extracting(Pipeline::name).containsExactly("first");
  }

  @Test
  void destinationSelectorWithoutLabelsIsRejected() {
    ObjectNode doc = valid();
    ((com.fasterxml.jackson.databind.node.ArrayNode) doc.path("spec").path("destinationSelectors")).addObject();

    assertThatThrownBy(() -> Promise.parse(doc)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("spec.destinationSelectors[1].matchLabels");
  }

  @Test
  void clusterScopedApiIsRejected() {
    assertThatThrownBy(() -> parse(VALID.replace("scope: Namespaced", "scope: Cluster")))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("spec.api.spec.scope").hasMessageContaining("Cluster");
  }

  @Test
  void pipelineWithWrongKindIsRejected() {
    ObjectNode doc = valid();
    firstPipeline(doc).put("kind", "Job");

    assertThatThrownBy(() -> Promise.parse(doc)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("spec.workflows.resource.configure[0]").hasMessageContaining("kind Pipeline");
  }

  @Test
  void pipelineWithWrongApiVersionIsRejected() {
    ObjectNode doc = valid();
    firstPipeline(doc).put("apiVersion", "batch/v1");

    assertThatThrownBy(() -> Promise.parse(doc)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("spec.workflows.resource.configure[0]");
  }

  @Test
  void pipelineWithoutContainersIsRejected() {
    ObjectNode doc = valid();
    ((ObjectNode) firstPipeline(doc).get("spec")).putArray("containers");

    assertThatThrownBy(() -> Promise.parse(doc)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("spec.workflows.resource.configure[0].spec.containers");
  }

  @Test
  void pipelineIdLongerThanSixtyCharactersIsRejected() {
    ObjectNode doc = valid();
    // demo-resource-configure- is 24 characters; 37 more makes 61.
    ((ObjectNode) firstPipeline(doc).get("metadata")).put("name", "p".repeat(37));

    assertThatThrownBy(() -> Promise.parse(doc)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("longer than 60");
  }

  @Test
  void pipelineIdOfExactlySixtyCharactersIsAccepted() {
    ObjectNode doc = valid();
    ((ObjectNode) firstPipeline(doc).get("metadata")).put("name", "p".repeat(36));

    assertThat(Promise.parse(doc).resourceConfigure()).hasSize(1);
  }

  @Test
  void pipelineMetadataCreationTimestampIsAccepted() {
    ObjectNode doc = valid();
    ((ObjectNode) firstPipeline(doc).get("metadata")).putNull("creationTimestamp");

    assertThat(Promise.parse(doc).resourceConfigure()).hasSize(1);
  }

  @Test
  void unknownPipelineMetadataFieldIsRejected() {
    ObjectNode doc = valid();
    ((ObjectNode) firstPipeline(doc).get("metadata")).put("colour", "blue");

    assertThatThrownBy(() -> Promise.parse(doc)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("spec.workflows.resource.configure[0].metadata.colour");
  }

  @Test
  void promiseWithoutApiParsesWithNullApi() {
    ObjectNode doc = valid();
    ((ObjectNode) doc.get("spec")).remove("api");

    assertThat(Promise.parse(doc).api()).isNull();
  }
}
