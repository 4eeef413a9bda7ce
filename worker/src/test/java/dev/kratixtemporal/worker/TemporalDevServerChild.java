package dev.kratixtemporal.worker;

import java.nio.file.Path;

/** A JVM that starts the dev server, starts one workflow, says "ready <server pid>" and waits to be killed. */
public final class TemporalDevServerChild {
  public static void main(String[] args) throws Exception {
    TemporalDevServer server = TemporalDevServer.start(new TemporalDevServer.Settings(
        System.getProperty("kratix.temporal.cli", "temporal"), Path.of(args[0]), 0, 0, "default"));
    TemporalDevServerTest.startWaitingWorkflow(server, "tmp-devserver-sigkill");
    System.out.println("ready " + server.pid());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
