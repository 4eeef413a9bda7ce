package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every hostile document under src/test/resources/hostile (one attack per file, said in its first line) is posted
 * as is: each must get a 4xx problem and leave the state store at the same commit.
 */
class HostileCorpusTest extends EndToEndTest {

  @Test
  void everyHostileDocumentIsRefusedAndChangesNothing() throws IOException, URISyntaxException {
    Path dir = Path.of(HostileCorpusTest.class.getResource("/hostile").toURI());
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(30);
    HostileRequests hostile = new HostileRequests("http://127.0.0.1:" + port);
    String before = head();
    List<String> accepted = new ArrayList<>();
    for (Path file : files) {
      byte[] body = Files.readAllBytes(file);
      assertThat(new String(body, 0, 10)).as(file + " says what it attacks").startsWith("# attacks ");
      HostileRequests.Answer a = hostile.post("/api/v1/apply", "application/yaml", body);
      boolean refused = a.status() >= 400 && a.status() < 500 && a.contentType().startsWith("application/problem+json")
          && a.json().path("status").asInt() == a.status();
      if (!refused) accepted.add(file.getFileName() + " -> " + a.status() + " " + a.body());
    }
    assertThat(accepted).as("hostile documents not refused with a 4xx problem").isEmpty();
    assertThat(head()).as("state store HEAD").isEqualTo(before);
    for (String path : List.of("/api/v1/destinations/adm-corpus-dest", "/api/v1/promises/adm-corpus-promise",
        "/api/v1/promises/adm-corpus-schema", "/api/v1/gitstatestores/adm-corpus-store",
        "/api/v1/bucketstatestores/adm-corpus-bucket")) {
      assertThat(api.get(path).status()).as(path).isEqualTo(404);
    }
    assertThat(api.get("/api/v1/secrets").body().toString()).doesNotContain("adm-corpus-secret");
  }

  private String head() {
    return StateRepository.git(repo.cloneNow(), "rev-parse", "HEAD");
  }
}
