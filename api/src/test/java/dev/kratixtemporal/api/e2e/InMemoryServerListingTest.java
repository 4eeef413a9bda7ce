package dev.kratixtemporal.api.e2e;

import static dev.kratixtemporal.api.e2e.EndToEndTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kratixtemporal.api.KratixApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On the SDK's in-memory test server, which has no visibility, lists come from the Platform's catalog and the
 * Promise's request list. The window of recent applies is 0 here, so those sources alone serve the lists; a
 * deleted object is still dropped the moment its workflow has ended, before the catalog hears of it.
 */
@SpringBootTest(classes = KratixApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"kratix.temporal.server=in-memory", "kratix.temporal.port=0", "kratix.dev.enabled=true",
        "kratix.api.recent-apply-window=0s"})
@DirtiesContext
class InMemoryServerListingTest {
  private static final String PROMISE = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: Promise
      metadata:
        name: iml-widgets
      spec:
        api:
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata:
            name: imlwidgets.test.kratix.dev
          spec:
            group: test.kratix.dev
            names: {kind: ImlWidget, plural: imlwidgets, singular: imlwidget}
            scope: Namespaced
            versions:
              - name: v1alpha1
                served: true
                storage: true
                schema:
                  openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
      """;

  @LocalServerPort
  int port;

  Api api;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws IOException {
    String dir = Files.createTempDirectory("kratix-iml").toString();
    registry.add("kratix.data-dir", () -> dir);
  }

  @BeforeEach
  void connect() {
    api = new Api("http://127.0.0.1:" + port);
    eventually("Destination dev listed", () -> names("/api/v1/destinations"), n -> n.contains("dev"));
  }

  @Test
  void listsComeFromTheCatalogAndThePromisesRequestListOrderedByNamespaceThenName() {
    assertThat(names("/api/v1/gitstatestores")).containsExactly("default");
    api.applyOk(PROMISE);
    assertThat(api.get("/api/v1/promises/iml-widgets").status()).as("GET right after the apply").isEqualTo(200);
    eventually("iml-widgets listed", () -> names("/api/v1/promises"), n -> n.contains("iml-widgets"));

    for (String[] r : List.of(new String[] {"team-b", "one"}, new String[] {"default", "two"},
        new String[] {"team-a", "three"}, new String[] {"default", "four"})) {
      api.applyOk("""
          apiVersion: test.kratix.dev/v1alpha1
          kind: ImlWidget
          metadata: {name: %s, namespace: %s}
          spec: {}
          """.formatted(r[1], r[0]));
    }
    String list = "/api/v1/promises/iml-widgets/resources";
    List<String> listed = eventually("the four requests listed", () -> coordinates(list), c -> c.size() == 4);
    assertThat(listed).containsExactly("default/four", "default/two", "team-a/three", "team-b/one");

    String path = list + "/team-a/three";
    assertThat(api.delete(path).status()).isEqualTo(202);
    eventually(path + " gone", () -> api.get(path).status(), s -> s == 404);
    assertThat(coordinates(list)).as("right after the delete completed").doesNotContain("team-a/three");

    assertThat(api.delete("/api/v1/promises/iml-widgets").status()).isEqualTo(202);
    eventually("iml-widgets gone", () -> api.get("/api/v1/promises/iml-widgets").status(), s -> s == 404);
    assertThat(names("/api/v1/promises")).as("right after the delete completed").doesNotContain("iml-widgets");
  }

  private List<String> names(String list) {
    List<String> out = new ArrayList<>();
    for (JsonNode o : api.getOrNull(list)) out.add(o.path("metadata").path("name").asText());
    return out;
  }

  private List<String> coordinates(String list) {
    List<String> out = new ArrayList<>();
    for (JsonNode o : api.getOrNull(list)) {
      out.add(o.path("metadata").path("namespace").asText() + "/" + o.path("metadata").path("name").asText());
    }
    return out;
  }
}
