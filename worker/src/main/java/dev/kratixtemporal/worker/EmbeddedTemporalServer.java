package dev.kratixtemporal.worker;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal server the SDK ships (in memory), on loopback only and in real time: with time skipping an idle
 * entity workflow would time out at once. A restart forgets everything.
 */
public final class EmbeddedTemporalServer implements Closeable {
  private final TestServicesStarter services;
  private final Server server;

  private EmbeddedTemporalServer(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  /** Starts on 127.0.0.1:port (0 picks a free port) and registers our search attributes. */
  public static EmbeddedTemporalServer start(int port) throws IOException {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port),
        InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server = builder.build().start();
    EmbeddedTemporalServer embedded = new EmbeddedTemporalServer(services, server);
    embedded.registerSearchAttributes();
    return embedded;
  }

  public int port() {
    return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
  }

  public String target() {
    return "127.0.0.1:" + port();
  }

  private void registerSearchAttributes() {
    SearchAttributeRegistration.register(OperatorServiceStubsOptions.newBuilder().setTarget(target()).build(), "default");
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    services.close();
  }
}
