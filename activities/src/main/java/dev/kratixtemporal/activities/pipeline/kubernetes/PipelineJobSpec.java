package dev.kratixtemporal.activities.pipeline.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.activities.pipeline.KratixEnvironment;
import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.model.Container;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.KratixYaml;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects of one pipeline run (Kratix docs: pipeline Jobs and pod layout), built from the run and the settings alone: no I/O.
 * Differences from Kratix, because there is no pipeline-adapter image and no API object to read:
 * the object arrives in a Secret copied by {@code reader}; a {@code collector} container prints the outputs as an
 * archive to its log instead of work-writer/status-writer writing Works and status.
 */
public final class PipelineJobSpec {
  public static final String READER = "reader";
  public static final String COLLECTOR = "collector";
  public static final String INPUT_VOLUME = "shared-input";
  public static final String OUTPUT_VOLUME = "shared-output";
  public static final String METADATA_VOLUME = "shared-metadata";
  public static final String OBJECT_VOLUME = "kratix-object";
  public static final String OBJECT_KEY = "object.yaml";
  static final String OBJECT_MOUNT = "/kratix-object";

  public static final String PROMISE_NAME = "kratix.io/promise-name";
  public static final String WORKFLOW_TYPE = "kratix.io/workflow-type";
  public static final String WORKFLOW_ACTION = "kratix.io/workflow-action";
  public static final String PIPELINE_NAME = "kratix.io/pipeline-name";
  public static final String RESOURCE_NAME = "kratix.io/resource-name";
  public static final String RESOURCE_NAMESPACE = "kratix.io/resource-namespace";
  public static final String HASH = "kratix.io/hash";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  /** Not Kratix's value, so pruning never touches Jobs a real Kratix runs beside us. */
  public static final String MANAGER = "kratix-temporal";

  private static final List<String> KRATIX_VERBS = List.of("get", "list", "update", "create", "patch");

  private final PipelineRun run;
  private final KubernetesJobSettings settings;
  private final String suffix;
  private final JsonNode pipelineSpec;

  /** @param runKey identifies this run across activity retries (its first 5 md5 hex chars end the Job name) */
  public PipelineJobSpec(PipelineRun run, KubernetesJobSettings settings, String runKey) {
    this.run = run;
    this.settings = settings;
    this.suffix = Hashing.md5(runKey).substring(0, 5);
    ObjectNode raw = run.pipeline().raw();
    this.pipelineSpec = raw == null ? KratixYaml.JSON.createObjectNode() : raw.path("spec");
  }

  public boolean promiseWorkflow() {
    return "promise".equals(run.workflowType());
  }

  /**
   * The Promise's pipelineNamespace when set; else the request's namespace for resource workflows and the platform
   * namespace for promise workflows.
   */
  public String namespace() {
    if (hasPipelineNamespace()) return run.pipelineNamespace();
    String ns = Docs.namespace(run.object());
    return promiseWorkflow() || ns.isEmpty() ? settings.platformNamespace() : ns;
  }

  private boolean hasPipelineNamespace() {
    return run.pipelineNamespace() != null && !run.pipelineNamespace().isEmpty();
  }

  /**
   * kratix-<promise>[-<request>[-<request namespace> with pipelineNamespace]]-<pipeline>, cut to 56 when over 57,
   * then -<5 hex of the run key>.
   */
  public String jobName() {
    String request = promiseWorkflow() ? "" : "-" + Docs.name(run.object())
        + (hasPipelineNamespace() ? "-" + Docs.namespace(run.object()) : "");
    String base = "kratix-" + run.promiseName() + request + "-" + run.pipeline().name();
    if (base.length() > 57) base = base.substring(0, 56);
    base = base.replaceAll("[^a-zA-Z0-9]+$", "");
    return base + "-" + suffix;
  }

  /** Also names the Secret holding the object and the ServiceAccount's Role(s). */
  public String serviceAccountName() {
    String own = pipelineSpec.path("rbac").path("serviceAccount").asText("");
    return own.isEmpty() ? run.promiseName() + "-" + run.workflowType() + "-" + run.action() + "-" + run.pipeline().name() : own;
  }

  /** The labels shared by every Job of this pipeline for this object: what pruning selects on. */
  public Map<String, String> historyLabels() {
    Map<String, String> l = new LinkedHashMap<>();
    l.put(MANAGED_BY, MANAGER);
    l.put(PROMISE_NAME, run.promiseName());
    l.put(WORKFLOW_TYPE, run.workflowType());
    l.put(WORKFLOW_ACTION, run.action());
    l.put(PIPELINE_NAME, run.pipeline().name());
    if (!promiseWorkflow()) l.put(RESOURCE_NAME, Docs.name(run.object()));
    if (!promiseWorkflow() && hasPipelineNamespace()) l.put(RESOURCE_NAMESPACE, Docs.namespace(run.object()));
    return l;
  }

  /** The Pipeline's own metadata.labels, then ours (ours win), then kratix.io/hash. */
  public Map<String, String> labels() {
    Map<String, String> l = new LinkedHashMap<>(run.pipeline().labels() == null ? Map.of() : run.pipeline().labels());
    l.putAll(historyLabels());
    l.put(HASH, hash());
    return l;
  }

  /**
   * Kratix: md5 of the Promise spec (promise workflows), md5 of both specs (resource workflows). A resource run
   * does not carry the Promise spec, so here it is the md5 of the request spec alone.
   */
  String hash() {
    return Hashing.specHash(Docs.spec(run.object()));
  }

  /** The input object, as a Secret: objects may hold credentials. Owned by the Job once it exists. */
  public Secret objectSecret() {
    String yaml = KratixYaml.toYaml(run.object());
    return new SecretBuilder().withMetadata(meta(jobName(), namespace(), labels())).withType("Opaque")
        .addToData(OBJECT_KEY, Base64.getEncoder().encodeToString(yaml.getBytes(StandardCharsets.UTF_8))).build();
  }

  public ServiceAccount serviceAccount() {
    return new ServiceAccountBuilder()
        .withMetadata(meta(serviceAccountName(), namespace(), Map.of(PROMISE_NAME, run.promiseName()))).build();
  }

  /** Role+RoleBinding (resource) or ClusterRole+Binding (promise) with Kratix's verbs, then rbac.permissions. */
  public List<HasMetadata> rbac() {
    String sa = serviceAccountName();
    Map<String, String> labels = Map.of(PROMISE_NAME, run.promiseName(), MANAGED_BY, MANAGER);
    List<HasMetadata> out = new ArrayList<>();
    if (promiseWorkflow()) {
      out.addAll(clusterRoleAndBinding(sa, labels, List.of(rule(List.of(Docs.group(run.object())),
          List.of("promises", "promises/status", "works"), KRATIX_VERBS))));
    } else {
      out.addAll(roleAndBinding(sa, namespace(), new RoleRef("rbac.authorization.k8s.io", "Role", sa), labels, List.of(
          rule(List.of(Docs.group(run.object())), List.of(run.crdPlural(), run.crdPlural() + "/status"), KRATIX_VERBS),
          rule(List.of("platform.kratix.io"), List.of("works"), List.of("*")))));
    }
    // rbac.permissions, grouped by resourceNamespace: none = this namespace, "*" = cluster-wide, else that namespace.
    Map<String, List<PolicyRule>> byNamespace = new LinkedHashMap<>();
    for (JsonNode p : pipelineSpec.path("rbac").path("permissions")) {
      ObjectNode rule = ((ObjectNode) p).deepCopy();
      String ns = rule.path("resourceNamespace").asText("");
      rule.remove("resourceNamespace");
      byNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(KratixYaml.JSON.convertValue(rule, PolicyRule.class));
    }
    byNamespace.forEach((ns, rules) -> {
      if (ns.isEmpty()) {
        String name = sa + "-user";
        out.addAll(roleAndBinding(name, namespace(), new RoleRef("rbac.authorization.k8s.io", "Role", name), labels, rules));
      } else if (ns.equals("*")) {
        out.addAll(clusterRoleAndBinding(sa + "-user-all", labels, rules));
      } else {
        String name = sa + "-user-" + ns;
        out.add(new ClusterRoleBuilder().withMetadata(meta(name, null, labels)).withRules(rules).build());
        out.add(new RoleBindingBuilder().withMetadata(meta(name, ns, labels))
            .withRoleRef(new RoleRef("rbac.authorization.k8s.io", "ClusterRole", name)).withSubjects(subject()).build());
      }
    });
    return out;
  }

  /** The names of the user containers, in run order: the initContainers between reader and collector. */
  public List<String> userContainerNames() {
    return run.pipeline().containers().stream().map(Container::name).toList();
  }

  public Job job() {
    List<io.fabric8.kubernetes.api.model.Container> init = new ArrayList<>();
    init.add(kratixContainer(READER, List.of("cp", OBJECT_MOUNT + "/" + OBJECT_KEY, "/kratix/input/" + OBJECT_KEY),
        List.of(mount(OBJECT_VOLUME, OBJECT_MOUNT, true), mount(INPUT_VOLUME, "/kratix/input", false))));
    List<Container> containers = run.pipeline().containers();
    for (int i = 0; i < containers.size(); i++) init.add(userContainer(containers.get(i), pipelineSpec.path("containers").path(i)));
    io.fabric8.kubernetes.api.model.Container collector = kratixContainer(COLLECTOR,
        List.of("sh", "-c", PipelineArchive.COLLECTOR_SCRIPT),
        List.of(mount(OUTPUT_VOLUME, "/kratix/output", true), mount(METADATA_VOLUME, "/kratix/metadata", true)));

    List<Volume> volumes = new ArrayList<>(List.of(emptyDir(INPUT_VOLUME), emptyDir(OUTPUT_VOLUME), emptyDir(METADATA_VOLUME),
        new VolumeBuilder().withName(OBJECT_VOLUME).withNewSecret().withSecretName(jobName()).endSecret().build()));
    for (JsonNode v : pipelineSpec.path("volumes")) volumes.add(KratixYaml.JSON.convertValue(v, Volume.class));

    Map<String, String> nodeSelector = new LinkedHashMap<>(settings.nodeSelector());
    nodeSelector.putAll(Docs.stringMap(pipelineSpec.path("nodeSelector")));
    List<Toleration> tolerations = new ArrayList<>(settings.tolerations());
    for (JsonNode t : pipelineSpec.path("tolerations")) tolerations.add(KratixYaml.JSON.convertValue(t, Toleration.class));
    List<LocalObjectReference> pullSecrets = new ArrayList<>();
    settings.imagePullSecrets().forEach(s -> pullSecrets.add(new LocalObjectReference(s)));
    for (JsonNode s : pipelineSpec.path("imagePullSecrets")) pullSecrets.add(new LocalObjectReference(s.path("name").asText()));

    JsonNode backoff = pipelineSpec.path("jobOptions").path("backoffLimit");
    Integer backoffLimit = backoff.isNumber() ? Integer.valueOf(backoff.asInt()) : settings.defaultBackoffLimit();

    return new JobBuilder().withMetadata(meta(jobName(), namespace(), labels()))
        .withNewSpec().withBackoffLimit(backoffLimit)
        .withNewTemplate().withNewMetadata().withLabels(labels()).endMetadata()
        .withNewSpec()
        .withRestartPolicy(pipelineSpec.path("restartPolicy").asText("OnFailure"))
        .withServiceAccountName(serviceAccountName())
        .withInitContainers(init).withContainers(collector).withVolumes(volumes)
        .withNodeSelector(nodeSelector.isEmpty() ? null : nodeSelector)
        .withTolerations(tolerations.isEmpty() ? null : tolerations)
        .withImagePullSecrets(pullSecrets.isEmpty() ? null : pullSecrets)
        .endSpec().endTemplate().endSpec().build();
  }

  private io.fabric8.kubernetes.api.model.Container userContainer(Container c, JsonNode raw) {
    List<EnvVar> env = kratixEnv(c);
    if (raw.has("env")) {
      // From the Promise itself, so valueFrom (secrets, config maps) reaches Kubernetes too.
      for (JsonNode e : raw.path("env")) env.add(KratixYaml.JSON.convertValue(e, EnvVar.class));
    } else {
      for (Container.EnvVar e : c.env()) env.add(new EnvVar(e.name(), e.value(), null));
    }
    List<EnvFromSource> envFrom = new ArrayList<>();
    for (JsonNode e : raw.path("envFrom")) envFrom.add(KratixYaml.JSON.convertValue(e, EnvFromSource.class));
    List<VolumeMount> mounts = new ArrayList<>(List.of(mount(INPUT_VOLUME, "/kratix/input", true),
        mount(OUTPUT_VOLUME, "/kratix/output", false), mount(METADATA_VOLUME, "/kratix/metadata", false)));
    for (JsonNode m : raw.path("volumeMounts")) mounts.add(KratixYaml.JSON.convertValue(m, VolumeMount.class));
    return new ContainerBuilder().withName(c.name()).withImage(c.image())
        .withCommand(c.command().isEmpty() ? null : c.command()).withArgs(c.args().isEmpty() ? null : c.args())
        .withEnv(env).withEnvFrom(envFrom.isEmpty() ? null : envFrom).withVolumeMounts(mounts)
        .withImagePullPolicy(raw.hasNonNull("imagePullPolicy") ? raw.get("imagePullPolicy").asText() : null)
        .withSecurityContext(raw.has("securityContext") ? KratixYaml.JSON.convertValue(raw.get("securityContext"), SecurityContext.class) : null)
        .withResources(raw.has("resources") ? KratixYaml.JSON.convertValue(raw.get("resources"), ResourceRequirements.class) : kratixResources())
        .build();
  }

  private io.fabric8.kubernetes.api.model.Container kratixContainer(String name, List<String> command, List<VolumeMount> mounts) {
    Container asUser = new Container(name, settings.utilityImage(), command, List.of(), List.of());
    return new ContainerBuilder().withName(name).withImage(settings.utilityImage()).withCommand(command)
        .withEnv(kratixEnv(asUser)).withVolumeMounts(mounts).withSecurityContext(kratixSecurityContext())
        .withResources(kratixResources()).build();
  }

  /** The KRATIX_* variables of Kratix docs: Environment variables, without the container's own env. */
  private List<EnvVar> kratixEnv(Container c) {
    Container bare = new Container(c.name(), c.image(), c.command(), c.args(), List.of());
    List<EnvVar> env = new ArrayList<>();
    KratixEnvironment.of(run, bare).forEach((k, v) -> env.add(new EnvVar(k, v, null)));
    return env;
  }

  /** Kratix docs: pipeline security context; runAsUser 65534 because the utility image, unlike Kratix's adapter, has no non-root USER. */
  static SecurityContext kratixSecurityContext() {
    return new SecurityContextBuilder().withAllowPrivilegeEscalation(false).withPrivileged(false).withRunAsNonRoot(true)
        .withRunAsUser(65534L).withRunAsGroup(65534L)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
  }

  static ResourceRequirements kratixResources() {
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("128Mi"))
        .addToRequests("ephemeral-storage", new Quantity("128Mi"))
        .addToLimits("cpu", new Quantity("200m")).addToLimits("memory", new Quantity("256Mi"))
        .addToLimits("ephemeral-storage", new Quantity("256Mi")).build();
  }

  private List<HasMetadata> roleAndBinding(String name, String ns, RoleRef ref, Map<String, String> labels, List<PolicyRule> rules) {
    return List.of(new RoleBuilder().withMetadata(meta(name, ns, labels)).withRules(rules).build(),
        new RoleBindingBuilder().withMetadata(meta(name, ns, labels)).withRoleRef(ref).withSubjects(subject()).build());
  }

  private List<HasMetadata> clusterRoleAndBinding(String name, Map<String, String> labels, List<PolicyRule> rules) {
    return List.of(new ClusterRoleBuilder().withMetadata(meta(name, null, labels)).withRules(rules).build(),
        new ClusterRoleBindingBuilder().withMetadata(meta(name, null, labels))
            .withRoleRef(new RoleRef("rbac.authorization.k8s.io", "ClusterRole", name)).withSubjects(subject()).build());
  }

  private Subject subject() {
    return new Subject(null, "ServiceAccount", serviceAccountName(), namespace());
  }

  private static PolicyRule rule(List<String> groups, List<String> resources, List<String> verbs) {
    return new PolicyRuleBuilder().withApiGroups(groups).withResources(resources).withVerbs(verbs).build();
  }

  private static VolumeMount mount(String volume, String path, boolean readOnly) {
    VolumeMount m = new VolumeMount();
    m.setName(volume);
    m.setMountPath(path);
    if (readOnly) m.setReadOnly(true);
    return m;
  }

  private static Volume emptyDir(String name) {
    return new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build();
  }

  private static ObjectMeta meta(String name, String ns, Map<String, String> labels) {
    return new ObjectMetaBuilder().withName(name).withNamespace(ns).withLabels(new LinkedHashMap<>(labels)).build();
  }
}
