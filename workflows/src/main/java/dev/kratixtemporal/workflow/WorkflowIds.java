package dev.kratixtemporal.workflow;

/** The workflow id of every Kratix object, as DESIGN.md fixes them. */
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

  public static String destination(String name) {
    return "destination/" + name;
  }

  public static String store(String kind, String name) {
    return kind.toLowerCase() + "/" + name;
  }
}
