package dev.kratixtemporal.activities.pipeline.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.Pipeline;
import dev.kratixtemporal.model.Promise;
import dev.kratixtemporal.testsupport.KratixSamples;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pure part of the Kubernetes runtime: the Job, Secret, ServiceAccount and RBAC built for every pipeline of every
 * sample Promise, checked field by field against kratix-spec 5.1-5.3 (adapted: reader copies a Secret, collector
 * prints outputs). No API server at all; the name carries "MockKubernetes" so the runtime's tests run together.
 */
class PipelineJobSpecMockKubernetesTest {
  static final List<String> KRATIX_ENV = List.of("KRATIX_WORKFLOW_ACTION", "KRATIX_WORKFLOW_TYPE", "KRATIX_PROMISE_NAME",
      "KRATIX_PIPELINE_NAME", "KRATIX_OBJECT_KIND", "KRATIX_OBJECT_GROUP", "KRATIX_OBJECT_VERSION", "KRATIX_OBJECT_NAME",
      "KRATIX_OBJECT_NAMESPACE", "KRATIX_CRD_PLURAL", "KRATIX_CLUSTER_SCOPED");

  /** Every Promise in the *promise*.yaml files of the upstream samples ({@link KratixSamples}), read in place. */
  static List<ObjectNode> samplePromises() throws IOException {
    Path dir = KratixSamples.dir();
    List<ObjectNode> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(p -> p.getFileName().toString().matches(".*promise.*\\.yaml")).sorted().toList()) {
        for (ObjectNode d : KratixYaml.parseAll(Files.readString(f))) if ("Promise".equals(Docs.kind(d))) out.add(d);
      }
    }
    return out;
  }

  record Case(Promise promise, ObjectNode promiseDoc, String type, String action, Pipeline pipeline) {
    PipelineRun run() {
      if (type.equals("promise")) return new PipelineRun(type, action, promise.name(), pipeline, promiseDoc, "promises", promise.pipelineNamespace());
      ObjectNode request = KratixYaml.parseOne("apiVersion: " + promise.api().group() + "/" + promise.api().version()
          + "\nkind: " + promise.api().kind() + "\nmetadata: {name: example, namespace: team-a}\nspec: {size: small}\n");
      return new PipelineRun(type, action, promise.name(), pipeline, request, promise.api().plural(),
          promise.pipelineNamespace());
    }
  }

  static List<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    for (ObjectNode doc : samplePromises()) {
      Promise p = Promise.parse(doc);
      p.promiseConfigure().forEach(x -> cases.add(new Case(p, doc, "promise", "configure", x)));
      p.promiseDelete().forEach(x -> cases.add(new Case(p, doc, "promise", "delete", x)));
      p.resourceConfigure().forEach(x -> cases.add(new Case(p, doc, "resource", "configure", x)));
      p.resourceDelete().forEach(x -> cases.add(new Case(p, doc, "resource", "delete", x)));
    }
    return cases;
  }

  @Test
  void everySamplePipelineBecomesAJobLaidOutAsKratixDoes() throws IOException {
    List<Case> cases = cases();
    assertThat(cases).as("sample pipelines").hasSizeGreaterThan(10);
    assertThat(cases).anyMatch(c -> c.type.equals("promise")).anyMatch(c -> c.type.equals("resource"));
    for (Case c : cases) {
      String at = c.promise.name() + " " + c.type + "." + c.action + " " + c.pipeline.name();
      PipelineRun run = c.run();
      PipelineJobSpec spec = new PipelineJobSpec(run, KubernetesJobSettings.defaults(), "wf/run/" + at);
      Job job = spec.job();
      boolean promise = c.type.equals("promise");
      String ns = promise ? "kratix-platform-system" : "team-a";
      String sa = c.promise.name() + "-" + c.type + "-" + c.action + "-" + c.pipeline.name();

      // 5.1 name, namespace, labels
      String base = "kratix-" + c.promise.name() + (promise ? "" : "-example") + "-" + c.pipeline.name();
      String expectedBase = base.length() > 57 ? base.substring(0, 56).replaceAll("[^a-zA-Z0-9]+$", "") : base;
      assertThat(job.getMetadata().getName()).as(at).matches(java.util.regex.Pattern.quote(expectedBase) + "-[0-9a-f]{5}");
      assertThat(job.getMetadata().getNamespace()).as(at).isEqualTo(ns);
      Map<String, String> labels = job.getMetadata().getLabels();
      assertThat(labels).as(at).containsEntry("kratix.io/promise-name", c.promise.name())
          .containsEntry("kratix.io/workflow-type", c.type).containsEntry("kratix.io/workflow-action", c.action)
          .containsEntry("kratix.io/pipeline-name", c.pipeline.name())
          .containsEntry("app.kubernetes.io/managed-by", "kratix-temporal")
          .containsEntry("kratix.io/hash", dev.kratixtemporal.logic.Hashing.specHash(Docs.spec(run.object())))
          .containsAllEntriesOf(c.pipeline.labels());
      if (promise) assertThat(labels).as(at).doesNotContainKey("kratix.io/resource-name");
      else assertThat(labels).as(at).containsEntry("kratix.io/resource-name", "example");
      assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).as(at).isEqualTo(labels);
      assertThat(job.getSpec().getBackoffLimit()).as(at + " backoffLimit unset without pipeline or config value").isNull();

      // 5.2 pod
      PodSpec pod = job.getSpec().getTemplate().getSpec();
      List<String> userNames = c.pipeline.containers().stream().map(dev.kratixtemporal.model.Container::name).toList();
      List<String> initNames = new ArrayList<>(List.of("reader"));
      initNames.addAll(userNames);
      assertThat(pod.getInitContainers()).as(at).extracting(Container::getName).containsExactlyElementsOf(initNames);
      assertThat(pod.getContainers()).as(at).extracting(Container::getName).containsExactly("collector");
      assertThat(pod.getRestartPolicy()).as(at).isEqualTo("OnFailure");
      assertThat(pod.getServiceAccountName()).as(at).isEqualTo(sa);
      assertThat(pod.getImagePullSecrets()).as(at).isNullOrEmpty();
      assertThat(pod.getVolumes()).as(at).extracting(Volume::getName)
          .startsWith("shared-input", "shared-output", "shared-metadata", "kratix-object");
      assertThat(pod.getVolumes().subList(0, 3)).as(at).allSatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
      assertThat(pod.getVolumes().get(3).getSecret().getSecretName()).as(at).isEqualTo(job.getMetadata().getName());

      for (int i = 0; i < userNames.size(); i++) {
        Container uc = pod.getInitContainers().get(i + 1);
        dev.kratixtemporal.model.Container model = c.pipeline.containers().get(i);
        assertThat(uc.getImage()).as(at).isEqualTo(model.image());
        assertThat(uc.getVolumeMounts().subList(0, 3)).as(at).extracting(VolumeMount::getName, VolumeMount::getMountPath, VolumeMount::getReadOnly)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("shared-input", "/kratix/input", true),
                org.assertj.core.groups.Tuple.tuple("shared-output", "/kratix/output", null),
                org.assertj.core.groups.Tuple.tuple("shared-metadata", "/kratix/metadata", null));
        List<EnvVar> env = uc.getEnv();
        assertThat(env.subList(0, KRATIX_ENV.size())).as(at).extracting(EnvVar::getName).containsExactlyElementsOf(KRATIX_ENV);
        Map<String, String> values = new java.util.HashMap<>();
        env.subList(0, KRATIX_ENV.size()).forEach(e -> values.put(e.getName(), e.getValue()));
        assertThat(values).as(at).containsEntry("KRATIX_WORKFLOW_ACTION", c.action).containsEntry("KRATIX_WORKFLOW_TYPE", c.type)
            .containsEntry("KRATIX_PROMISE_NAME", c.promise.name()).containsEntry("KRATIX_PIPELINE_NAME", c.pipeline.name())
            .containsEntry("KRATIX_OBJECT_NAME", promise ? c.promise.name() : "example")
            .containsEntry("KRATIX_OBJECT_NAMESPACE", promise ? "" : "team-a")
            .containsEntry("KRATIX_CRD_PLURAL", promise ? "promises" : c.promise.api().plural())
            .containsEntry("KRATIX_CLUSTER_SCOPED", String.valueOf(promise));
        // The user's env follows, exactly as declared (valueFrom included).
        JsonNode rawEnv = c.pipeline.raw().path("spec").path("containers").path(i).path("env");
        assertThat(env.subList(KRATIX_ENV.size(), env.size())).as(at).extracting(EnvVar::getName)
            .containsExactlyElementsOf(() -> java.util.stream.StreamSupport.stream(rawEnv.spliterator(), false)
                .map(e -> e.path("name").asText()).iterator());
        if (model.command().isEmpty()) assertThat(uc.getCommand()).as(at).isNullOrEmpty();
        else assertThat(uc.getCommand()).as(at).isEqualTo(model.command());
        assertThat(uc.getResources().getRequests()).as(at + " built-in requests").containsEntry("cpu", new Quantity("100m"));
      }
      for (Container k : List.of(pod.getInitContainers().get(0), pod.getContainers().get(0))) {
        assertThat(k.getImage()).isEqualTo(KubernetesJobSettings.DEFAULT_UTILITY_IMAGE);
        assertThat(k.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(k.getSecurityContext().getPrivileged()).isFalse();
        assertThat(k.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(k.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(k.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(k.getResources().getRequests()).containsEntry("cpu", new Quantity("100m"))
            .containsEntry("memory", new Quantity("128Mi")).containsEntry("ephemeral-storage", new Quantity("128Mi"));
        assertThat(k.getResources().getLimits()).containsEntry("cpu", new Quantity("200m"))
            .containsEntry("memory", new Quantity("256Mi")).containsEntry("ephemeral-storage", new Quantity("256Mi"));
        assertThat(k.getEnv()).extracting(EnvVar::getName).containsExactlyElementsOf(KRATIX_ENV);
      }
      assertThat(pod.getInitContainers().get(0).getVolumeMounts()).extracting(VolumeMount::getMountPath)
          .containsExactly("/kratix-object", "/kratix/input");
      assertThat(pod.getContainers().get(0).getVolumeMounts()).extracting(VolumeMount::getMountPath, VolumeMount::getReadOnly)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("/kratix/output", true), org.assertj.core.groups.Tuple.tuple("/kratix/metadata", true));

      // Object Secret, ServiceAccount, RBAC
      String yaml = new String(Base64.getDecoder().decode(spec.objectSecret().getData().get("object.yaml")));
      assertThat(KratixYaml.parseOne(yaml)).as(at).isEqualTo(run.object());
      assertThat(spec.serviceAccount().getMetadata().getName()).isEqualTo(sa);
      assertThat(spec.serviceAccount().getMetadata().getLabels()).containsExactly(Map.entry("kratix.io/promise-name", c.promise.name()));
      List<HasMetadata> rbac = spec.rbac();
      if (promise) {
        ClusterRole role = (ClusterRole) rbac.get(0);
        assertThat(role.getMetadata().getName()).isEqualTo(sa);
        assertThat(role.getRules().get(0).getResources()).containsExactly("promises", "promises/status", "works");
        assertThat(role.getRules().get(0).getVerbs()).containsExactly("get", "list", "update", "create", "patch");
        assertThat(((ClusterRoleBinding) rbac.get(1)).getSubjects().get(0).getName()).isEqualTo(sa);
      } else {
        Role role = (Role) rbac.get(0);
        assertThat(role.getMetadata().getNamespace()).isEqualTo("team-a");
        assertThat(role.getRules().get(0).getApiGroups()).containsExactly(c.promise.api().group());
        assertThat(role.getRules().get(0).getResources()).containsExactly(c.promise.api().plural(), c.promise.api().plural() + "/status");
        assertThat(role.getRules().get(1).getResources()).containsExactly("works");
        assertThat(role.getRules().get(1).getVerbs()).containsExactly("*");
        RoleBinding binding = (RoleBinding) rbac.get(1);
        assertThat(binding.getRoleRef().getName()).isEqualTo(sa);
        assertThat(binding.getSubjects().get(0).getNamespace()).isEqualTo("team-a");
      }
      // Kratix's pair, then a pair per distinct resourceNamespace of rbac.permissions.
      java.util.Set<String> groups = new java.util.HashSet<>();
      c.pipeline.raw().path("spec").path("rbac").path("permissions").forEach(x -> groups.add(x.path("resourceNamespace").asText("")));
      assertThat(rbac).as(at).hasSize(2 + 2 * groups.size());
    }
  }

  @Test
  void theSecretCarriesValueFromEnvOfTheAwsRdsSampleThrough() throws IOException {
    Case rds = cases().stream().filter(c -> c.promise.name().equals("aws-rds") && c.pipeline.name().equals("rds-configure"))
        .findFirst().orElse(null);
    assumeTrue(rds != null, "aws-rds sample missing");
    Container uc = new PipelineJobSpec(rds.run(), KubernetesJobSettings.defaults(), "k").job().getSpec().getTemplate()
        .getSpec().getInitContainers().get(1);
    EnvVar key = uc.getEnv().get(KRATIX_ENV.size());
    assertThat(key.getName()).isEqualTo("AWS_ACCESS_KEY_ID");
    assertThat(key.getValueFrom().getSecretKeyRef().getName()).isEqualTo("aws-rds");
    assertThat(key.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("accessKeyID");
  }

  static final String FULL_PIPELINE = """
      apiVersion: platform.kratix.io/v1alpha1
      kind: Pipeline
      metadata:
        name: everything
        labels: {team: blue}
      spec:
        restartPolicy: Never
        imagePullSecrets: [{name: pipeline-pull}]
        nodeSelector: {disk: ssd}
        tolerations: [{key: pipelines, operator: Exists, effect: NoSchedule}]
        jobOptions: {backoffLimit: 2}
        volumes:
          - name: cache
            emptyDir: {}
        rbac:
          serviceAccount: custom-sa
          permissions:
            - apiGroups: [""]
              resources: [configmaps]
              verbs: [get]
            - resourceNamespace: "*"
              apiGroups: [""]
              resources: [namespaces]
              verbs: [list]
            - resourceNamespace: other
              apiGroups: [""]
              resources: [secrets]
              verbs: [get]
        containers:
          - name: first
            image: example/first:v1
            command: [run]
            args: [--fast]
            imagePullPolicy: Never
            env: [{name: MODE, value: fast}]
            envFrom: [{configMapRef: {name: settings}}]
            volumeMounts: [{name: cache, mountPath: /cache}]
            securityContext: {runAsUser: 1000}
            resources: {limits: {cpu: "1"}}
      """;

  private static PipelineRun fullRun(String requestName) {
    ObjectNode pipelineDoc = KratixYaml.parseOne(FULL_PIPELINE);
    Pipeline pipeline = new Pipeline("everything", Map.of("team", "blue"), List.of(new dev.kratixtemporal.model.Container(
        "first", "example/first:v1", List.of("run"), List.of("--fast"), List.of(new dev.kratixtemporal.model.Container.EnvVar("MODE", "fast")))),
        pipelineDoc);
    ObjectNode request = KratixYaml.parseOne("apiVersion: example.com/v1\nkind: Database\nmetadata: {name: " + requestName
        + ", namespace: team-a}\nspec: {size: 1}\n");
    return new PipelineRun("resource", "configure", "db", pipeline, request, "databases", null);
  }

  @Test
  void pipelineOptionsAndConfigurationReachThePod() {
    KubernetesJobSettings settings = new KubernetesJobSettings("platform", "example/utility:v2", 3, 9, Map.of("zone", "a", "disk", "hdd"),
        List.of(new Toleration("NoExecute", "dedicated", "Equal", null, "kratix")), List.of("adapter-pull"), null, null);
    PipelineJobSpec spec = new PipelineJobSpec(fullRun("orders"), settings, "wf/run/7");
    Job job = spec.job();
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(job.getSpec().getBackoffLimit()).as("pipeline jobOptions.backoffLimit wins over config").isEqualTo(2);
    assertThat(job.getMetadata().getLabels()).containsEntry("team", "blue");
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getServiceAccountName()).isEqualTo("custom-sa");
    assertThat(pod.getImagePullSecrets()).extracting(LocalObjectReference::getName).containsExactly("adapter-pull", "pipeline-pull");
    assertThat(pod.getNodeSelector()).containsExactlyInAnyOrderEntriesOf(Map.of("zone", "a", "disk", "ssd"));
    assertThat(pod.getTolerations()).extracting(Toleration::getKey).containsExactly("dedicated", "pipelines");
    assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("shared-input", "shared-output", "shared-metadata",
        "kratix-object", "cache");
    Container first = pod.getInitContainers().get(1);
    assertThat(first.getVolumeMounts()).extracting(VolumeMount::getMountPath)
        .containsExactly("/kratix/input", "/kratix/output", "/kratix/metadata", "/cache");
    assertThat(first.getCommand()).containsExactly("run");
    assertThat(first.getArgs()).containsExactly("--fast");
    assertThat(first.getImagePullPolicy()).isEqualTo("Never");
    assertThat(first.getEnv().get(KRATIX_ENV.size())).isEqualTo(new EnvVar("MODE", "fast", null));
    assertThat(first.getEnvFrom().get(0).getConfigMapRef().getName()).isEqualTo("settings");
    assertThat(first.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
    assertThat(first.getResources().getLimits()).containsExactly(Map.entry("cpu", new Quantity("1")));
    assertThat(pod.getInitContainers().get(0).getImage()).isEqualTo("example/utility:v2");

    // Kratix's Role, then one Role per kind of resourceNamespace: own namespace, "*", another namespace.
    assertThat(spec.rbac()).extracting(r -> r.getKind() + " " + r.getMetadata().getNamespace() + "/" + r.getMetadata().getName())
        .containsExactly("Role team-a/custom-sa", "RoleBinding team-a/custom-sa",
            "Role team-a/custom-sa-user", "RoleBinding team-a/custom-sa-user",
            "ClusterRole null/custom-sa-user-all", "ClusterRoleBinding null/custom-sa-user-all",
            "ClusterRole null/custom-sa-user-other", "RoleBinding other/custom-sa-user-other");
    assertThat(((Role) spec.rbac().get(2)).getRules().get(0).getResources()).containsExactly("configmaps");
  }

  @Test
  void theJobNameIsDeterministicPerRunAndCutAsKratixCutsIt() {
    KubernetesJobSettings settings = KubernetesJobSettings.defaults();
    PipelineRun run = fullRun("orders");
    String name = new PipelineJobSpec(run, settings, "wf/run/1").jobName();
    assertThat(name).matches("kratix-db-orders-everything-[0-9a-f]{5}");
    assertThat(new PipelineJobSpec(run, settings, "wf/run/1").jobName()).as("a retry finds its Job").isEqualTo(name);
    assertThat(new PipelineJobSpec(run, settings, "wf/run/2").jobName()).as("another run gets another Job").isNotEqualTo(name);

    PipelineRun longRun = fullRun("a-very-long-request-name-that-goes-on-and-on-");
    String longName = new PipelineJobSpec(longRun, settings, "wf/run/1").jobName();
    // "kratix-db-a-very-long-request-name-that-goes-on-and-on--everything" is 66 chars: cut to 56, trailing "--" trimmed.
    assertThat(longName).matches("kratix-db-a-very-long-request-name-that-goes-on-and-on-[0-9a-f]{5}");
    assertThat(longName.length()).isLessThanOrEqualTo(63);
  }

  @Test
  void pipelineNamespaceRunsTheJobThereAndNamesTheRequestsNamespace() {
    PipelineRun plain = fullRun("orders");
    PipelineRun run = new PipelineRun(plain.workflowType(), plain.action(), plain.promiseName(), plain.pipeline(),
        plain.object(), plain.crdPlural(), "pipelines");
    PipelineJobSpec spec = new PipelineJobSpec(run, KubernetesJobSettings.defaults(), "wf/run/1");

    assertThat(spec.namespace()).isEqualTo("pipelines");
    assertThat(spec.jobName()).matches("kratix-db-orders-team-a-everything-[0-9a-f]{5}");
    assertThat(spec.job().getMetadata().getNamespace()).isEqualTo("pipelines");
    assertThat(spec.job().getMetadata().getLabels()).containsEntry("kratix.io/resource-name", "orders")
        .containsEntry("kratix.io/resource-namespace", "team-a");
    assertThat(new PipelineJobSpec(plain, KubernetesJobSettings.defaults(), "wf/run/1").job().getMetadata().getLabels())
        .doesNotContainKey("kratix.io/resource-namespace");
  }
}
