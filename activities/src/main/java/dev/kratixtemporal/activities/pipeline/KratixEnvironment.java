package dev.kratixtemporal.activities.pipeline;

import dev.kratixtemporal.activity.PipelineRun;
import dev.kratixtemporal.model.Container;
import dev.kratixtemporal.model.Docs;
import java.util.LinkedHashMap;
import java.util.Map;

/** The KRATIX_* environment every pipeline container gets (Kratix docs: Environment variables), then the container's own env. */
public final class KratixEnvironment {
  private KratixEnvironment() {}

  public static Map<String, String> of(PipelineRun run, Container container) {
    boolean promise = run.workflowType().equals("promise");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KRATIX_WORKFLOW_ACTION", run.action());
    env.put("KRATIX_WORKFLOW_TYPE", run.workflowType());
    env.put("KRATIX_PROMISE_NAME", run.promiseName());
    env.put("KRATIX_PIPELINE_NAME", run.pipeline().name());
    env.put("KRATIX_OBJECT_KIND", Docs.kind(run.object()));
    env.put("KRATIX_OBJECT_GROUP", Docs.group(run.object()));
    env.put("KRATIX_OBJECT_VERSION", Docs.version(run.object()));
    env.put("KRATIX_OBJECT_NAME", Docs.name(run.object()));
    env.put("KRATIX_OBJECT_NAMESPACE", promise ? "" : Docs.namespace(run.object()));
    env.put("KRATIX_CRD_PLURAL", run.crdPlural());
    env.put("KRATIX_CLUSTER_SCOPED", String.valueOf(promise));
    // A health check runs for one version of its Promise; its record carries it (docs/health-checks.md).
    if (run.promiseVersion() != null) env.put("KRATIX_PROMISE_VERSION", run.promiseVersion());
    for (Container.EnvVar e : container.env()) env.put(e.name(), e.value());
    return env;
  }
}
