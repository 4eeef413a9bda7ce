package dev.kratixtemporal.api.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.model.InvalidDocumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"../../etc", "a/b", ".", "..", ".git", "a\nb", "Upper", "-a", "a-", "a..b", "é", "a_b", "",
      " a", "a."})
  void refusesNamesThatAreNoSubdomain(String name) {
    assertThat(KubernetesNames.isSubdomain(name)).as(name).isFalse();
    assertThat(KubernetesNames.isLabel(name)).as(name).isFalse();
  }

  @Test
  void subdomainsMayHaveDotsAndUpTo253Characters() {
    assertThat(KubernetesNames.isSubdomain("a.b-c.d0")).isTrue();
    assertThat(KubernetesNames.isLabel("a.b")).isFalse();
    assertThat(KubernetesNames.isSubdomain("a".repeat(253))).isTrue();
    assertThat(KubernetesNames.isSubdomain("a".repeat(254))).isFalse();
    assertThat(KubernetesNames.isLabel("a".repeat(63))).isTrue();
    assertThat(KubernetesNames.isLabel("a".repeat(64))).isFalse();
  }

  @Test
  void theErrorNamesTheFieldAndShowsControlCharacters() {
    assertThatThrownBy(() -> KubernetesNames.requireSubdomain("metadata.name", "a\nb", 253))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageStartingWith("metadata.name: must be a DNS-1123 subdomain of at most 253 characters")
        .hasMessageEndingWith("got 'a\\u000ab'");
  }

  @Test
  void envVarNamesFollowKubernetes() {
    assertThat(KubernetesNames.isEnvVarName("KRATIX_X.y-z")).isTrue();
    assertThat(KubernetesNames.isEnvVarName("_a")).isTrue();
    assertThat(KubernetesNames.isEnvVarName("1A")).isFalse();
    assertThat(KubernetesNames.isEnvVarName("A=B")).isFalse();
    assertThat(KubernetesNames.isEnvVarName("")).isFalse();
  }

  @Test
  void labelKeysAndValues() {
    assertThat(KubernetesNames.isLabelKey("kratix.io/promise-name")).isTrue();
    assertThat(KubernetesNames.isLabelKey("Env_1")).isTrue();
    assertThat(KubernetesNames.isLabelKey("a/b/c")).isFalse();
    assertThat(KubernetesNames.isLabelKey("Bad.Prefix/x")).isFalse();
    assertThat(KubernetesNames.isLabelValue("")).isTrue();
    assertThat(KubernetesNames.isLabelValue("v0.0.1")).isTrue();
    assertThat(KubernetesNames.isLabelValue("a b")).isFalse();
    assertThat(KubernetesNames.isLabelValue("x".repeat(64))).isFalse();
  }
}
