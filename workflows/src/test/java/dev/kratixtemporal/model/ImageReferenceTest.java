package dev.kratixtemporal.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {

  @ParameterizedTest
  @ValueSource(strings = {"busybox", "busybox:1.36", "library/busybox", "docker.io/library/busybox:latest",
      "ghcr.io/syntasso/kratix-pipeline-utility:v0.0.1", "localhost/kratix-test/trivial:v1",
      "localhost:5000/a/b", "registry.example.com:443/team/app_x__y.z-w:1.0-rc.1",
      "redis@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "quay.io/a/b:v1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "[::1]:5000/img", "My.Registry/app"})
  void acceptsDockerReferences(String image) {
    assertThat(ImageReference.isValid(image)).as(image).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "--volume=/host:/x", "-v", "--privileged", "busybox --privileged", "Busybox",
      "library/BusyBox", "a//b", "/busybox", "busybox/", "busybox:", "busybox:-tag", "busybox:.tag",
      "busybox@sha256:xyz", "busybox@sha256:abc", "busybox:tag:other", "a__-b", "a..b", "busy\nbox", "büsybox",
      "localhost:port/x", "busybox@", "-registry.io/x"})
  void rejectsEverythingElse(String image) {
    assertThat(ImageReference.isValid(image)).as(image).isFalse();
  }

  @Test
  void tagsAreAtMost128Characters() {
    assertThat(ImageReference.isValid("busybox:" + "t".repeat(128))).isTrue();
    assertThat(ImageReference.isValid("busybox:" + "t".repeat(129))).isFalse();
    assertThat(ImageReference.isValid("a/".repeat(127) + "abc")).isFalse();
  }

  @Test
  void splitsIntoParts() {
    assertThat(ImageReference.parse("localhost:5000/team/app:v2").orElseThrow())
        .isEqualTo(new ImageReference("localhost:5000", "team/app", "v2", ""));
  }
}
