package dev.kratixtemporal.api.admission;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.model.KratixYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerCheckTest {

  private static void check(String yaml) {
    ContainerCheck.check(KratixYaml.parseOne(yaml), "c");
  }

  @Test
  void acceptsAKubernetesContainer() {
    assertThatCode(() -> check("""
        {name: main, image: 'ghcr.io/a/b:v1', command: [sh, -c], args: ['echo hi'], imagePullPolicy: IfNotPresent,
         env: [{name: A_B.c, value: x}, {name: S, valueFrom: {secretKeyRef: {name: s, key: k}}}],
         envFrom: [{secretRef: {name: s}}], volumeMounts: [{name: v, mountPath: /v}],
         resources: {limits: {cpu: '1'}}, securityContext: {runAsNonRoot: true}}
        """)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{name: c}|c.image: is required",
      "{name: c, image: '--volume=/:/x'}|c.image: must be an image reference",
      "{name: c, image: 5}|c.image: must be a string",
      "{name: C, image: busybox}|c.name: must be a DNS-1123 label",
      "{image: busybox, args: {a: b}}|c.args: must be a list of strings",
      "{image: busybox, command: 5}|c.command: must be a list of strings",
      "{image: busybox, command: [sh, [x]]}|c.command[1]: must be a string",
      "{image: busybox, env: hello}|c.env: must be a list",
      "{image: busybox, env: [{value: x}]}|c.env[0].name: is required",
      "{image: busybox, env: [{name: '1A', value: x}]}|c.env[0].name: must be letters",
      "{image: busybox, env: [{name: A, value: 5}]}|c.env[0].value: must be a string",
      "{image: busybox, env: [{name: A, valueFrom: x}]}|c.env[0].valueFrom: must be an object",
      "{image: busybox, env: [{name: A, value: x, secret: y}]}|c.env[0].secret: unknown field",
      "{image: busybox, imagePullPolicy: Sometimes}|c.imagePullPolicy: must be one of",
      "{image: busybox, volumeMounts: [{name: v}]}|c.volumeMounts[0].mountPath: is required",
      "{image: busybox, securityContext: [privileged]}|c.securityContext: must be an object"})
  void refusesWhatKubernetesRefuses(String container, String message) {
    assertThatThrownBy(() -> check(container)).hasMessageStartingWith(message);
  }
}
