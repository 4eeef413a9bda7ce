package dev.kratixtemporal.logic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.KratixYaml;
import org.junit.jupiter.api.Test;

class HashingTest {

  private static ObjectNode yaml(String text) {
    return KratixYaml.parseOne(text);
  }

  @Test
  void md5IsLowercaseHex() {
    assertThat(Hashing.md5("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
  }

  @Test
  void rootGroupIdIsMd5OfDot() {
    assertThat(Hashing.groupId(".")).isEqualTo("5058f1af8388633f609cadb75a75dc9d");
  }

  @Test
  void specHashIgnoresKeyOrder() {
    ObjectNode a = yaml("size: small\nreplicas: 1\nnested: {x: 1, y: 2}\n");
    ObjectNode b = yaml("nested: {y: 2, x: 1}\nreplicas: 1\nsize: small\n");

    assertThat(Hashing.specHash(a)).isEqualTo(Hashing.specHash(b));
  }

  @Test
  void specHashDiffersForDifferentValues() {
    assertThat(Hashing.specHash(yaml("size: small\n"))).isNotEqualTo(Hashing.specHash(yaml("size: large\n")));
  }

  @Test
  void specHashDiffersForDifferentListOrder() {
    assertThat(Hashing.specHash(yaml("l: [a, b]\n"))).isNotEqualTo(Hashing.specHash(yaml("l: [b, a]\n")));
  }

  @Test
  void specHashIsMd5OfSortedJson() {
    assertThat(Hashing.specHash(yaml("b: 1\na: x\n"))).isEqualTo(Hashing.md5("{\"a\":\"x\",\"b\":1}"));
  }

  @Test
  void resourceHashIsStableForSameSpecs() {
    assertThat(Hashing.resourceHash(yaml("p: 1\n"), yaml("r: 1\n")))
        .isEqualTo(Hashing.resourceHash(yaml("p: 1\n"), yaml("r: 1\n")));
  }

  @Test
  void resourceHashChangesWhenPromiseSpecChanges() {
    assertThat(Hashing.resourceHash(yaml("p: 1\n"), yaml("r: 1\n")))
        .isNotEqualTo(Hashing.resourceHash(yaml("p: 2\n"), yaml("r: 1\n")));
  }

  @Test
  void resourceHashChangesWhenRequestSpecChanges() {
    assertThat(Hashing.resourceHash(yaml("p: 1\n"), yaml("r: 1\n")))
        .isNotEqualTo(Hashing.resourceHash(yaml("p: 1\n"), yaml("r: 2\n")));
  }

  @Test
  void resourceHashCombinesBothSpecHashes() {
    ObjectNode p = yaml("p: 1\n");
    ObjectNode r = yaml("r: 1\n");

    assertThat(Hashing.resourceHash(p, r)).isEqualTo(Hashing.md5(Hashing.specHash(p) + "-" + Hashing.specHash(r)));
  }
}
