package dev.kratixtemporal.workflow;

/** The workflow id of every Kratix object, as the README's workflow table names them. */
public final class WorkflowIds {
  public static final String TASK_QUEUE = "kratix";
  public static final String PLATFORM = "platform";

  private WorkflowIds() {}

  public static String promise(String name) {
    return "promise/" + name;
  }

  public static String resource(String promise, String namespace, String name) {
    return "resource/" + promise + "/" + namespace + "/" + name;
  }

  /** A HealthDefinition's schedule (docs/health-checks.md). */
  public static String healthDefinition(String namespace, String name) {
    return "healthdefinition/" + namespace + "/" + name;
  }

  public static String destination(String name) {
    return "destination/" + name;
  }

  public static String slo(String name) {
    return "slo/" + name;
  }

  /** The canaries of a provisioning SLO (docs/slos.md, "Canaries"). */
  public static String canary(String slo) {
    return "canary/" + slo;
  }

  public static String store(String kind, String name) {
    return kind.toLowerCase() + "/" + name;
  }

  /** The workflow of a Promise, Destination or state store by its kind and name. */
  public static String kratixObject(String kind, String name) {
    return switch (kind) {
      case "Promise" -> promise(name);
      case "Destination" -> destination(name);
      case "GitStateStore", "BucketStateStore" -> store(kind, name);
      default -> throw new IllegalArgumentException(kind + " has no workflow of its own");
    };
  }
}
