package dev.kratixtemporal.api.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3Proxy (an S3-compatible server on the file system) in its own JVM on loopback, with signature checks on.
 * Its classpath comes from deploy/s3proxy/pom.xml, resolved once by Maven.
 */
final class S3Server extends LocalServer {
  static final String ACCESS_KEY = "kratix";
  static final String SECRET_KEY = "kratix-secret-key";

  S3Server(Path dir) {
    super(dir);
    try {
      Files.createDirectories(dir.resolve("data"));
      Files.writeString(dir.resolve("s3proxy.conf"), """
          s3proxy.endpoint=http://127.0.0.1:%d
          s3proxy.authorization=aws-v2-or-v4
          s3proxy.identity=%s
          s3proxy.credential=%s
          jclouds.provider=filesystem
          jclouds.identity=unused
          jclouds.credential=unused
          jclouds.filesystem.basedir=%s/data
          """.formatted(port, ACCESS_KEY, SECRET_KEY, dir));
      Files.writeString(dir.resolve("logback.xml"), """
          <configuration>
            <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
              <encoder><pattern>%level %logger - %msg%n</pattern></encoder>
            </appender>
            <root level="WARN"><appender-ref ref="OUT"/></root>
          </configuration>
          """);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    start(List.of(java, "-Xmx256m", "-Dlogback.configurationFile=" + dir.resolve("logback.xml"), "-cp", classpath(),
        "org.gaul.s3proxy.Main", "--properties", dir.resolve("s3proxy.conf").toString()));
  }

  String endpoint() {
    return "127.0.0.1:" + port;
  }

  S3Client client() {
    return S3Client.builder().endpointOverride(URI.create("http://" + endpoint())).region(Region.US_EAST_1)
        .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))).build();
  }

  void createBucket(String bucket) {
    try (S3Client s3 = client()) {
      s3.createBucket(b -> b.bucket(bucket));
    }
  }

  /** Every key under the prefix, sorted. */
  List<String> keys(String bucket, String prefix) {
    try (S3Client s3 = client()) {
      List<String> out = new ArrayList<>();
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) out.add(o.key());
      return out.stream().sorted().toList();
    }
  }

  String read(String bucket, String key) {
    try (S3Client s3 = client()) {
      return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    } catch (NoSuchKeyException e) {
      return null;
    }
  }

  /** deploy/s3proxy's dependencies, resolved by Maven on first use (.ci/run resolves them up front). */
  private static String classpath() {
    Path pom = Path.of(System.getenv().getOrDefault("KRATIX_S3PROXY_POM", "../deploy/s3proxy/pom.xml")).toAbsolutePath();
    Path file = pom.getParent().resolve("target/classpath.txt");
    if (!Files.exists(file)) {
      run(pom.getParent(), "mvn", "-q", "-B", "-f", pom.toString(), "dependency:build-classpath",
          "-Dmdep.outputFile=" + file);
    }
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
