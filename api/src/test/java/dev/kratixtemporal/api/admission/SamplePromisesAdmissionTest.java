package dev.kratixtemporal.api.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.testsupport.KratixSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Admission must not refuse what Kratix accepts: every Promise in the marketplace samples passes the Promise checks. */
class SamplePromisesAdmissionTest {

  @Test
  void everySamplePromisePasses() throws IOException {
    Path dir = KratixSamples.dir();
    List<String> refused = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        List<ObjectNode> docs;
        try {
          docs = KratixYaml.parseAll(Files.readString(file));
        } catch (RuntimeException notKratixYaml) {
          continue; // templates and other files that are not plain YAML
        }
        for (ObjectNode doc : docs) {
          if (!"Promise".equals(Docs.kind(doc))) continue;
          checked++;
          try {
            MetadataCheck.check(doc);
            PromiseCheck.check(doc);
          } catch (RuntimeException e) {
            refused.add(dir.relativize(file) + ": " + e.getMessage());
          }
        }
      }
    }
    assertThat(checked).as("Promises checked").isGreaterThan(10);
    assertThat(refused).isEmpty();
  }
}
