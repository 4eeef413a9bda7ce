package dev.kratixtemporal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.testsupport.KratixSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders every kustomization under deploy/ with `kubectl kustomize` (kubectl is part of the machine image) and
 * validates every manifest offline: see {@link ManifestValidator} for what that checks. Rendered output is kept
 * in deploy/target/rendered/ for a look.
 */
class ManifestsTest {
  static Path deploy;
  /** every CRD of the release, learnt once */
  static List<JsonNode> crds;

  @BeforeAll
  static void render() throws Exception {
    deploy = Path.of(System.getProperty("deploy.dir", ".")).toAbsolutePath().normalize();
    crds = ManifestValidator.documents(kustomize(deploy.resolve("crds")));
  }

  static List<Path> kustomizations() throws IOException {
    List<Path> dirs = new ArrayList<>(List.of(deploy.resolve("crds"), deploy.resolve("kustomize/base")));
    try (Stream<Path> overlays = Files.list(deploy.resolve("kustomize/overlays"))) {
      overlays.filter(d -> Files.exists(d.resolve("kustomization.yaml"))).sorted().forEach(dirs::add);
    }
    return dirs;
  }

  static String kustomize(Path dir) throws Exception {
    String kubectl = System.getenv().getOrDefault("KUBECTL", "kubectl");
    Path out = deploy.resolve("target/rendered/" + deploy.relativize(dir).toString().replace('/', '-') + ".yaml");
    Files.createDirectories(out.getParent());
    Path err = Files.createTempFile("kustomize", ".err");
    Process p = new ProcessBuilder(kubectl, "kustomize", dir.toString())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + dir + " timed out");
    assertEquals(0, p.exitValue(), "kubectl kustomize " + dir + ": " + Files.readString(err));
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  static ManifestValidator validator() {
    ManifestValidator v = new ManifestValidator();
    crds.forEach(v::learn);
    return v;
  }

  @Test
  void everyRenderedManifestIsValid() throws Exception {
    ManifestValidator v = validator();
    for (Path dir : kustomizations()) {
      List<JsonNode> docs = ManifestValidator.documents(kustomize(dir));
      assertFalse(docs.isEmpty(), dir + " renders nothing");
      v.validateAll(deploy.relativize(dir).toString(), docs);
    }
    assertEquals(List.of(), v.problems);
    System.out.println("validated " + v.checked + " rendered manifests of " + kustomizations().size()
        + " kustomizations");
  }

  @Test
  void theReleaseHasWhatItNeeds() throws Exception {
    List<JsonNode> docs = ManifestValidator.documents(kustomize(deploy.resolve("kustomize/base")));
    Set<String> kinds = docs.stream().map(d -> d.path("kind").asText() + "/" + d.path("metadata").path("name").asText())
        .collect(Collectors.toSet());
    for (String crd : List.of("promises", "destinations", "gitstatestores", "bucketstatestores", "healthrecords",
        "promisereleases")) {
      assertTrue(kinds.contains("CustomResourceDefinition/" + crd + ".platform.kratix.io"), crd);
    }
    assertTrue(kinds.containsAll(Set.of("Deployment/kratix-temporal-api", "Deployment/kratix-temporal-worker",
        "Service/kratix-temporal-api", "ServiceAccount/kratix-temporal")), kinds.toString());
    for (JsonNode d : docs) {
      if (!"Deployment".equals(d.path("kind").asText())) continue;
      JsonNode c = d.path("spec").path("template").path("spec").path("containers").get(0);
      assertEquals("/actuator/health/liveness", c.path("livenessProbe").path("httpGet").path("path").asText());
      assertEquals("/actuator/health/readiness", c.path("readinessProbe").path("httpGet").path("path").asText());
    }
    JsonNode settings = docs.stream().filter(d -> d.path("metadata").path("name").asText()
        .startsWith("kratix-temporal-settings")).findFirst().orElseThrow().path("data");
    assertEquals("kubernetes", settings.path("kratix.pipeline-runtime").asText());
    assertEquals("true", settings.path("kratix.controller.enabled").asText());
    assertEquals("false", settings.path("kratix.temporal.embedded").asText());
    assertEquals("temporal-frontend:7233", settings.path("spring.temporal.connection.target").asText());
    // every CRD has the status subresource
    docs.stream().filter(d -> "CustomResourceDefinition".equals(d.path("kind").asText())).forEach(d ->
        assertTrue(d.path("spec").path("versions").get(0).path("subresources").has("status"), d.toString()));
  }

  /** The demo's objects, and a HealthRecord as a pipeline writes it, fit our CRDs. */
  @Test
  void theDemoObjectsFitTheCrds() throws Exception {
    ManifestValidator v = validator();
    int found = validateKratixObjects(v, deploy.resolve("demo"));
    v.validate("healthrecord", ManifestValidator.document("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: HealthRecord
        metadata: {name: example, namespace: default}
        data:
          promiseRef: {name: redis}
          resourceRef: {name: example, namespace: default, generation: 1}
          state: healthy
          lastRun: 1732521600
          details: {checks: [{name: ping, ok: true}]}
        """));
    assertEquals(List.of(), v.problems);
    assertTrue(found >= 1, "no Kratix object found in deploy/demo");
  }

  /** The upstream Kratix marketplace samples fit our CRDs (found by KratixSamples: skipped without them, failed on CI). */
  @Test
  void kratixSamplesFitTheCrds() throws Exception {
    ManifestValidator v = validator();
    Path samples = KratixSamples.dir();
    int found = validateKratixObjects(v, samples);
    assertEquals(List.of(), v.problems);
    assertTrue(found >= 3, "only " + found + " Kratix objects found in " + samples);
  }

  /** Validates every object of our kinds in the YAML files under root; answers how many there were. */
  private static int validateKratixObjects(ManifestValidator v, Path root) throws Exception {
    Set<String> ours = v.knownCustomKinds();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
    }
    int found = 0;
    for (Path f : files) {
      for (JsonNode doc : ManifestValidator.documents(Files.readString(f))) {
        if (ours.contains(doc.path("apiVersion").asText() + "/" + doc.path("kind").asText())) {
          v.validate(f.getFileName().toString(), doc);
          found++;
        }
      }
    }
    return found;
  }

  @Test
  void aMisspelledFieldFails() throws Exception {
    ManifestValidator v = validator();
    v.validate("destination", ManifestValidator.document("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata: {name: dev}
        spec:
          path: dev
          stateStoreRef: {kind: GitStateStore, name: default}
          filepath: {mdoe: none}
        """));
    v.validate("deployment", ManifestValidator.document("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: x}
        spec:
          selector: {matchLabels: {a: b}}
          template:
            metadata: {labels: {a: b}}
            spec:
              containers:
                - name: x
                  image: x
                  readinessProbe: {httpGet: {path: /, prot: 8080}}
        """));
    v.validate("crd", ManifestValidator.document("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: things.example.com}
        spec:
          group: example.com
          scpoe: Namespaced
          names: {kind: Thing, plural: things}
          versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]
        """));
    assertEquals(3, v.problems.size(), v.problems.toString());
    assertTrue(v.problems.get(0).contains("mdoe"), v.problems.get(0));
    assertTrue(v.problems.get(1).contains("prot"), v.problems.get(1));
    assertTrue(v.problems.get(2).contains("scpoe"), v.problems.get(2));
  }

  @Test
  void wrongValuesAndNonStructuralSchemasFail() throws Exception {
    ManifestValidator v = validator();
    v.validate("destination", ManifestValidator.document("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata: {name: dev}
        spec:
          stateStoreRef: {kind: GitRepo, name: default}
        """));
    v.validate("crd", ManifestValidator.document("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: things.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Thing, plural: things}
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      required: [size]
                      properties: {colour: {type: string, enum: [red, 3]}}
        """));
    String all = String.join("\n", v.problems);
    assertTrue(all.contains("path"), all);                 // required spec.path missing
    assertTrue(all.contains("kind: does not have a value in the enumeration"), all);
    assertTrue(all.contains("type is required"), all);     // spec has no type
    assertTrue(all.contains("required field size"), all);
    assertTrue(all.contains("enum value 3"), all);
  }

  /** Files or folders given to deploy/validate.sh. */
  @Test
  void extraManifests() throws Exception {
    String extra = System.getProperty("validate.extra", "");
    if (extra.isBlank() || extra.startsWith("${")) return;
    ManifestValidator v = validator();
    for (String name : extra.split(",")) {
      Path p = Path.of(name.trim());
      List<Path> files = new ArrayList<>();
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().forEach(files::add);
        }
      } else {
        files.add(p);
      }
      for (Path f : files) v.validateAll(f.toString(), ManifestValidator.documents(Files.readString(f)));
    }
    assertEquals(List.of(), v.problems);
  }

  @Test
  void composeFileParses() throws Exception {
    JsonNode compose = ManifestValidator.document(Files.readString(deploy.resolve("compose/temporal.yaml")));
    JsonNode services = compose.path("services");
    for (String s : List.of("postgresql", "temporal", "temporal-ui")) assertTrue(services.has(s), s);
    services.fields().forEachRemaining(e -> assertTrue(e.getValue().has("image"), e.getKey()));
  }
}
