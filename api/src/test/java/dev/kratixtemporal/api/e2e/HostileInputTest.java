package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.KratixYaml;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an attacker sent against the dev default, through the REST API: each answer is a 4xx problem naming the
 * field, and nothing changes (no object, no new commit in the state store).
 */
class HostileInputTest extends EndToEndTest {
  private static final String APPLY = "/api/v1/apply";
  private static final String IMAGE = "ghcr.io/syntasso/kratix-pipeline-utility:v0.0.1";
  private HostileRequests hostile;

  @BeforeEach
  void hostileClient() {
    hostile = new HostileRequests("http://127.0.0.1:" + port);
  }

  // Item 1: an image that a container runtime would read as an option.
  @Test
  void anImageThatIsARuntimeOptionIsRefused() {
    for (String image : List.of("--volume=/host:/x", "-v", "busybox --privileged", "Busybox", "busybox:")) {
      assertRefused(promiseWithContainer("adm-image", "{name: c, image: '" + image + "'}"), 422,
          "spec.workflows.resource.configure[0].spec.containers[0].image", "/api/v1/promises/adm-image");
    }
  }

  // Item 5: names and namespaces that are no Kubernetes names.
  @Test
  void objectNamesOutsideKubernetesRulesAreRefused() {
    for (String name : List.of("../../etc", "a/b", ".", "..", ".git", "adm\nx", "a".repeat(300), "adm-ünï", "Adm",
        "adm_x")) {
      ObjectNode d = destination("placeholder", "adm-names");
      d.with("metadata").put("name", name);
      assertRefused(json(d), 422, "metadata.name", "/api/v1/destinations/adm-names");
      ObjectNode secret = secret("adm-names-secret");
      secret.with("metadata").put("name", name);
      assertRefused(json(secret), 422, "metadata.name", null);
    }
    // A Promise's name is also a label value: at most 63 characters.
    assertRefused(promiseWithContainer("a".repeat(64), "{name: c, image: " + IMAGE + "}"), 422, "metadata.name",
        null);
  }

  @Test
  void namespacesOutsideKubernetesRulesAreRefused() {
    for (String namespace : List.of("../../etc", "a.b", ".git", "ns\n", "n".repeat(64), "ñs")) {
      ObjectNode secret = secret("adm-ns-secret");
      secret.with("metadata").put("namespace", namespace);
      assertRefused(json(secret), 422, "metadata.namespace", null);
    }
    assertThat(api.get("/api/v1/secrets").body().toString()).doesNotContain("adm-ns-secret");
  }

  @Test
  void containerEnvAndPipelineNamesOutsideKubernetesRulesAreRefused() {
    String at = "spec.workflows.resource.configure[0]";
    assertRefused(promiseWithContainer("adm-cname", "{name: ../x, image: " + IMAGE + "}"), 422,
        at + ".spec.containers[0].name", "/api/v1/promises/adm-cname");
    assertRefused(promiseWithContainer("adm-cname", "{name: c, image: " + IMAGE + ", env: [{name: 'A=B', value: x}]}"),
        422, at + ".spec.containers[0].env[0].name", "/api/v1/promises/adm-cname");
    assertRefused(promiseWithContainer("adm-cname", "{name: c, image: " + IMAGE + ", env: [{name: '1X', value: x}]}"),
        422, at + ".spec.containers[0].env[0].name", "/api/v1/promises/adm-cname");
    assertRefused(promise("adm-pname", "../escape", "{name: c, image: " + IMAGE + "}"), 422, at + ".metadata.name",
        "/api/v1/promises/adm-pname");
    assertRefused(promise("adm-pname", ".git", "{name: c, image: " + IMAGE + "}"), 422, at + ".metadata.name",
        "/api/v1/promises/adm-pname");
  }

  // Item 6: a file is applied whole or not at all.
  @Test
  void aRequestFailingItsSchemaInTheSameFileAsItsPromiseAppliesNothing() {
    String file = yaml(destination("adm-multi-a", "adm-multi-a")) + "---\n" + schemaPromise("adm-multi") + """
        ---
        apiVersion: adm.test/v1
        kind: AdmMulti
        metadata: {name: req}
        spec: {value: 5}
        """;
    assertRefused(file, 422, "documents[2].spec.value", "/api/v1/destinations/adm-multi-a");
    assertThat(api.get("/api/v1/promises/adm-multi").status()).isEqualTo(404);
    String wrongVersion = file.replace("apiVersion: adm.test/v1\n", "apiVersion: adm.test/v2\n");
    assertRefused(wrongVersion, 422, "documents[2].apiVersion", "/api/v1/destinations/adm-multi-a");
    assertThat(api.get("/api/v1/promises/adm-multi").status()).isEqualTo(404);
  }

  @Test
  void anUnknownKindAfterAGoodDocumentAppliesNothing() {
    String file = yaml(destination("adm-multi-b", "adm-multi-b")) + "---\n" + """
        apiVersion: nowhere.example/v1
        kind: Gadget
        metadata: {name: g}
        """;
    assertRefused(file, 422, "documents[1].kind", "/api/v1/destinations/adm-multi-b");
    String kratixKind = yaml(destination("adm-multi-b", "adm-multi-b")) + "---\n" + """
        apiVersion: platform.kratix.io/v1alpha1
        kind: Work
        metadata: {name: w}
        """;
    assertRefused(kratixKind, 422, "documents[1].kind", "/api/v1/destinations/adm-multi-b");
  }

  @Test
  void aHealthRecordForNoRequestAfterAGoodDocumentAppliesNothing() {
    String file = yaml(destination("adm-multi-c", "adm-multi-c")) + "---\n" + """
        apiVersion: platform.kratix.io/v1alpha1
        kind: HealthRecord
        metadata: {name: h}
        data:
          promiseRef: {name: nothing}
          resourceRef: {name: nobody, namespace: default}
          state: healthy
        """;
    assertRefused(file, 422, "documents[1].data.resourceRef", "/api/v1/destinations/adm-multi-c");
    String badState = yaml(destination("adm-multi-c", "adm-multi-c")) + "---\n" + """
        apiVersion: platform.kratix.io/v1alpha1
        kind: HealthRecord
        metadata: {name: h}
        data: {promiseRef: {name: p}, resourceRef: {name: r}, state: [healthy]}
        """;
    assertRefused(badState, 422, "documents[1].data.state", "/api/v1/destinations/adm-multi-c");
  }

  @Test
  void aBadSecretAfterAGoodDocumentAppliesNothing() {
    ObjectNode secret = secret("adm-multi-d");
    secret.with("stringData").putObject("nested").put("a", "b");
    assertRefused(yaml(destination("adm-multi-d", "adm-multi-d")) + "---\n" + yaml(secret), 422,
        "documents[1].stringData.nested", "/api/v1/destinations/adm-multi-d");
  }

  /**
   * The documented choice: a request is checked against (and served by) the Promise in the same file, even when it
   * comes first; the Promise is applied before it.
   */
  @Test
  void aRequestInTheSameFileAsItsPromiseIsAccepted() {
    JsonNode results = api.applyOk("""
        apiVersion: adm.test/v1
        kind: AdmSame
        metadata: {name: req}
        spec: {value: fine}
        ---
        """ + schemaPromise("adm-same").replace("AdmMulti", "AdmSame").replace("admmultis", "admsames")
        .replace("admmulti", "admsame"));
    assertThat(results.get(0).path("workflowId").asText()).isEqualTo("resource/adm-same/default/req");
    assertThat(results.get(1).path("kind").asText()).isEqualTo("Promise");
    awaitAvailable("adm-same");
    eventually("request adm-same/req registered with its Promise",
        () -> api.getOrNull("/api/v1/promises/adm-same/resources/default/req"), r -> r != null);
  }

  // Item 12: Destination and store paths that leave the store.
  @Test
  void pathsThatLeaveTheStoreAreRefused() {
    for (String path : List.of("../../../tmp", "/tmp/adm", ".git", ".git/hooks", "a/../../b", "a\\..\\..\\b")) {
      assertRefused(yaml(destination("adm-path", path)), 422, "spec.path", "/api/v1/destinations/adm-path");
      assertRefused("""
          apiVersion: platform.kratix.io/v1alpha1
          kind: GitStateStore
          metadata: {name: adm-path-store}
          spec: {url: 'http://127.0.0.1:1/x.git', path: '%s'}
          """.formatted(path.replace("\\", "\\\\")), 422, "spec.path", "/api/v1/gitstatestores/adm-path-store");
      assertRefused("""
          apiVersion: platform.kratix.io/v1alpha1
          kind: BucketStateStore
          metadata: {name: adm-path-bucket}
          spec: {endpoint: '127.0.0.1:1', bucketName: b, authMethod: IAM, path: '%s'}
          """.formatted(path.replace("\\", "\\\\")), 422, "spec.path", "/api/v1/bucketstatestores/adm-path-bucket");
    }
    for (String mode : List.of("'sideways'", "''", "5", "[none]")) {
      ObjectNode d = destination("adm-mode", "adm-mode");
      d.with("spec").set("filepath", KratixYaml.parseOne("mode: " + mode));
      assertRefused(yaml(d), 422, "spec.filepath.mode", "/api/v1/destinations/adm-mode");
    }
  }

  // Item 14: the body is bounded before it is parsed.
  @Test
  void aBodyOverTheLimitIs413BeforeParsing() {
    byte[] big = ("# " + "x".repeat(4 * 1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8);
    String before = head();
    long start = System.nanoTime();
    HostileRequests.Answer declared = hostile.post(APPLY, "application/yaml", big);
    assertProblem(declared, 413, null);
    assertThat(declared.json().path("title").asText()).isEqualTo("Payload Too Large");
    HostileRequests.Answer chunked = hostile.postChunked(APPLY, "application/yaml", new ByteArrayInputStream(big));
    assertProblem(chunked, 413, null);
    assertThat(System.nanoTime() - start).as("answered without parsing").isLessThan(10_000_000_000L);
    assertThat(head()).isEqualTo(before);
    // Just under the limit the body is read and parsed: the Destination's bad path is what is refused.
    String under = yaml(destination("adm-big", "../x"));
    under = "#" + "x".repeat(4 * 1024 * 1024 - under.length() - 2) + "\n" + under;
    assertThat(under.length()).isEqualTo(4 * 1024 * 1024);
    assertProblem(hostile.post(APPLY, "application/yaml", under.getBytes(StandardCharsets.UTF_8)), 422,
        "spec.path");
  }

  // Item 15: a CRD schema Kubernetes would refuse.
  @Test
  void aPromiseWithAnInvalidSchemaIsRefused() {
    String at = "spec.api.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.value";
    assertRefused(schemaPromise("adm-schema").replace("type: string", "{type: string, pattern: '([' }"), 422,
        at + ".pattern", "/api/v1/promises/adm-schema");
    assertRefused(schemaPromise("adm-schema").replace("type: string", "{type: notatype}"), 422, at + ".type",
        "/api/v1/promises/adm-schema");
    assertRefused(schemaPromise("adm-schema").replace("type: string", "{type: array, items: [1, 2]}"), 422,
        at + ".items", "/api/v1/promises/adm-schema");
    assertRefused(schemaPromise("adm-schema").replace("type: string", "{type: string, enum: [a, 1]}"), 422,
        at + ".enum[1]", "/api/v1/promises/adm-schema");
  }

  // Item 16: container fields of the wrong type are refused, not coerced.
  @Test
  void containerFieldsOfTheWrongTypeAreRefused() {
    String at = "spec.workflows.resource.configure[0].spec.containers[0]";
    String c = "{name: c, image: " + IMAGE;
    assertRefused(promiseWithContainer("adm-types", c + ", args: {a: b}}"), 422, at + ".args", "/api/v1/promises/adm-types");
    assertRefused(promiseWithContainer("adm-types", c + ", command: 5}"), 422, at + ".command", "/api/v1/promises/adm-types");
    assertRefused(promiseWithContainer("adm-types", c + ", command: [sh, 5]}"), 422, at + ".command[1]",
        "/api/v1/promises/adm-types");
    assertRefused(promiseWithContainer("adm-types", c + ", env: hello}"), 422, at + ".env", "/api/v1/promises/adm-types");
    assertRefused(promiseWithContainer("adm-types", c + ", env: [{name: A, value: {x: 1}}]}"), 422, at + ".env[0].value",
        "/api/v1/promises/adm-types");
    assertRefused(promiseWithContainer("adm-types", "{name: c, image: [busybox]}"), 422, at + ".image",
        "/api/v1/promises/adm-types");
    assertRefused(promiseWithContainer("adm-types", c + ", resources: 5}"), 422, at + ".resources",
        "/api/v1/promises/adm-types");
  }

  // Item 17: media types, duplicate keys, UTF-8, Secret values, Destination field types, error bodies.
  @Test
  void aFormContentTypeIs415() {
    String before = head();
    for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "image/png",
        "application/yaml; charset=latin1", "not a type")) {
      HostileRequests.Answer a = hostile.post(APPLY, type, yaml(destination("adm-form", "adm-form")).getBytes());
      assertProblem(a, 415, null);
    }
    assertThat(api.get("/api/v1/destinations/adm-form").status()).isEqualTo(404);
    HostileRequests.Answer none = hostile.post(APPLY, null, yaml(destination("adm-form", "x")).replace("path: x", "path: ''").getBytes());
    assertThat(none.status()).as("no Content-Type is read as YAML").isEqualTo(422);
    assertThat(head()).isEqualTo(before);
  }

  @Test
  void duplicateKeysAreRefusedInJsonAndYaml() {
    assertRefused("{\"apiVersion\":\"platform.kratix.io/v1alpha1\",\"kind\":\"Destination\",\"metadata\":{\"name\":\"adm-dup\"},"
        + "\"spec\":{\"path\":\"adm-dup\",\"path\":\"../../x\",\"stateStoreRef\":{\"kind\":\"GitStateStore\",\"name\":\"default\"}}}",
        422, null, "/api/v1/destinations/adm-dup");
    HostileRequests.Answer yaml = hostile.post(APPLY, "application/yaml", (yaml(destination("adm-dup", "adm-dup"))
        + "kind: Destination\n").getBytes());
    assertProblem(yaml, 422, null);
    assertThat(yaml.json().path("detail").asText()).contains("duplicate key");
  }

  @Test
  void invalidUtf8IsRefusedInTheBodyAndInSecrets() {
    String before = head();
    byte[] body = yaml(destination("adm-utf", "adm-utf")).replace("adm-utf\n", "adm-utf #\u00ff\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    HostileRequests.Answer a = hostile.post(APPLY, "application/yaml", body);
    assertProblem(a, 422, "body");
    assertThat(a.json().path("detail").asText()).contains("UTF-8");
    assertThat(api.get("/api/v1/destinations/adm-utf").status()).isEqualTo(404);

    ObjectNode secret = secret("adm-utf-secret");
    secret.putObject("data").put("password", Base64.getEncoder().encodeToString(new byte[] {'a', (byte) 0xff}));
    assertRefused(yaml(secret), 422, "data.password", null);
    ObjectNode map = secret("adm-utf-secret");
    map.putObject("data").putObject("password").put("x", "eQ==");
    assertRefused(yaml(map), 422, "data.password", null);
    assertThat(api.get("/api/v1/secrets").body().toString()).doesNotContain("adm-utf-secret");
    assertThat(head()).isEqualTo(before);
  }

  @Test
  void destinationLabelsAndFlagsOfTheWrongTypeAreRefused() {
    ObjectNode labels = destination("adm-labels", "adm-labels");
    labels.with("metadata").set("labels", KratixYaml.parseOne("x: [a, b]").get("x"));
    assertRefused(yaml(labels), 422, "metadata.labels", "/api/v1/destinations/adm-labels");
    ObjectNode number = destination("adm-labels", "adm-labels");
    number.with("metadata").putObject("labels").put("env", 5);
    assertRefused(yaml(number), 422, "metadata.labels.env", "/api/v1/destinations/adm-labels");
    ObjectNode strict = destination("adm-labels", "adm-labels");
    strict.with("spec").put("strictMatchLabels", "maybe");
    assertRefused(yaml(strict), 422, "spec.strictMatchLabels", "/api/v1/destinations/adm-labels");
  }

  @Test
  void garbageForGitUploadPackIsAProblemNotAnEmpty500() {
    HostileRequests.Answer a = hostile.post("/git/state.git/git-upload-pack", "application/x-git-upload-pack-request",
        "this is not the git protocol\n".getBytes());
    assertProblem(a, 400, null);
    assertThat(a.json().path("detail").asText()).startsWith("not a git-upload-pack request");
    assertProblem(hostile.post("/git/state.git/git-receive-pack", null, new byte[0]), 403, null);
    assertProblem(hostile.post("/git/nothing.git/git-upload-pack", null, new byte[] {'0'}), 404, null);
  }

  @Test
  void containerLevelErrorsAreProblemsNotHtml() {
    for (String target : List.of("/api/v1/promises/%zz", "/api/v1/%", "/git/state.git/info/%GG")) {
      HostileRequests.Answer a = hostile.rawGet(target);
      assertThat(a.status()).as(target).isEqualTo(400);
      assertThat(a.contentType()).as(target).startsWith("application/problem+json");
      assertThat(a.json().path("status").asInt()).isEqualTo(400);
    }
    HostileRequests.Answer missing = hostile.rawGet("/no/such/thing");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).startsWith("application/problem+json");
  }

  // Helpers

  /** Posts a file, expects a problem with that status and field, and that nothing was created or committed. */
  private void assertRefused(String body, int status, String field, String objectPath) {
    String before = head();
    HostileRequests.Answer a = hostile.post(APPLY, "application/yaml", body.getBytes(StandardCharsets.UTF_8));
    assertProblem(a, status, field);
    if (objectPath != null) assertThat(api.get(objectPath).status()).as(objectPath).isEqualTo(404);
    assertThat(head()).as("state store HEAD").isEqualTo(before);
  }

  static void assertProblem(HostileRequests.Answer a, int status, String field) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.contentType()).as(a.body()).startsWith("application/problem+json");
    JsonNode p = a.json();
    assertThat(p.path("status").asInt()).isEqualTo(status);
    assertThat(p.path("title").asText()).isNotEmpty();
    if (field != null) assertThat(p.path("field").asText()).as(a.body()).isEqualTo(field);
  }

  private String head() {
    return StateRepository.git(repo.cloneNow(), "rev-parse", "HEAD");
  }

  private static ObjectNode destination(String name, String path) {
    return KratixYaml.parseOne("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata: {name: %s}
        spec:
          path: %s
          stateStoreRef: {kind: GitStateStore, name: default}
        """.formatted(name, path));
  }

  private static ObjectNode secret(String name) {
    return KratixYaml.parseOne("""
        apiVersion: v1
        kind: Secret
        metadata: {name: %s, namespace: default}
        stringData: {username: u}
        """.formatted(name));
  }

  private static String promiseWithContainer(String name, String container) {
    return promise(name, "p", container);
  }

  private static String promise(String name, String pipeline, String container) {
    return """
        apiVersion: platform.kratix.io/v1alpha1
        kind: Promise
        metadata: {name: '%s'}
        spec:
          workflows:
            resource:
              configure:
                - apiVersion: platform.kratix.io/v1alpha1
                  kind: Pipeline
                  metadata: {name: '%s'}
                  spec:
                    containers:
                      - %s
        """.formatted(name, pipeline, container);
  }

  /** A Promise serving adm.test/v1 AdmMulti whose spec.value is a string. */
  private static String schemaPromise(String name) {
    return """
        apiVersion: platform.kratix.io/v1alpha1
        kind: Promise
        metadata: {name: %s}
        spec:
          api:
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: admmultis.adm.test}
            spec:
              group: adm.test
              names: {kind: AdmMulti, plural: admmultis, singular: admmulti}
              scope: Namespaced
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec:
                          type: object
                          properties:
                            value:
                              type: string
        """.formatted(name);
  }

  private static String yaml(JsonNode doc) {
    return KratixYaml.toYaml(doc);
  }

  private static String json(JsonNode doc) {
    return doc.toString();
  }
}
