package dev.kratixtemporal.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.KratixYaml;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a request converging at its Promise's word may be answered with the worker's last read of that Promise. */
class PromiseVersionTest {
  private static ObjectNode promise(long generation, String image) {
    return (ObjectNode) KratixYaml.parseOne("""
        apiVersion: platform.kratix.io/v1alpha1
        kind: Promise
        metadata: {name: app, generation: %d}
        spec: {workflows: {resource: {configure: [{apiVersion: platform.kratix.io/v1alpha1, kind: Pipeline,
          metadata: {name: p}, spec: {containers: [{name: c, image: %s}]}}]}}}
        """.formatted(generation, image));
  }

  private static PromiseSnapshot read(long generation, boolean available, String image) {
    return new PromiseSnapshot(true, available, generation, promise(generation, image), List.of());
  }

  private static String hash(PromiseSnapshot s) {
    return Hashing.specHash(Docs.spec(s.document()));
  }

  @Test
  void theVerySamePromiseMatchesAndAnyDifferenceReadsAgain() {
    PromiseSnapshot last = read(3, true, "img:v2");
    PromiseVersion told = new PromiseVersion(3, true, hash(last));
    assertThat(told.matches(last, hash(last))).isTrue();

    assertThat(new PromiseVersion(4, true, hash(last)).matches(last, hash(last))).as("a newer generation").isFalse();
    assertThat(new PromiseVersion(3, false, hash(last)).matches(last, hash(last))).as("now unavailable").isFalse();
    PromiseSnapshot reborn = read(3, true, "img:v1");
    assertThat(told.matches(reborn, hash(reborn))).as("deleted and applied again with another spec").isFalse();
    assertThat(told.matches(PromiseSnapshot.missing(), "")).as("gone").isFalse();
  }
}
