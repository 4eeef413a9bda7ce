package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A request is there for the API as soon as its apply has returned, and gone once its delete has run. */
class ReadAfterApplyTest extends EndToEndTest {

  @Test
  void aRequestIsReadableTheMomentItsApplyReturns() {
    api.applyOk(resource("stages.yaml"));
    awaitAvailable("stages");
    for (int i = 0; i < 10; i++) {
      String name = "read-after-apply-" + i;
      api.applyOk("""
          apiVersion: test.kratix.dev/v1alpha1
          kind: Stage
          metadata:
            name: %s
          spec:
            value: hello
          """.formatted(name));
      Api.Response r = api.get("/api/v1/promises/stages/resources/default/" + name);
      assertThat(r.status()).as(name).isEqualTo(200);
      assertThat(r.body().path("metadata").path("name").asText()).isEqualTo(name);
    }
    for (int i = 0; i < 10; i++) {
      String path = "/api/v1/promises/stages/resources/default/read-after-apply-" + i;
      assertThat(api.delete(path).status()).isEqualTo(202);
      eventually(path + " gone", () -> api.get(path).status(), s -> s == 404);
    }
    assertThat(api.get("/api/v1/promises/stages/resources/default/never-applied").status()).isEqualTo(404);
  }
}
