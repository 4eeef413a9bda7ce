package dev.kratixtemporal.activities.statestore;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** How we build S3 clients, for BucketStateStores and for the blob store alike (Kratix docs: BucketStateStore). */
public final class S3Clients {
  private S3Clients() {}

  /** Kratix takes host[:port]; insecure means plain HTTP. A full URL is taken as it is. */
  public static URI endpoint(String endpoint, boolean insecure) {
    return URI.create(endpoint.contains("://") ? endpoint : (insecure ? "http://" : "https://") + endpoint);
  }

  /** Access keys when given, else the AWS SDK's default chain (Kratix's IAM). */
  public static AwsCredentialsProvider credentials(String accessKeyId, String secretAccessKey) {
    if (accessKeyId == null || accessKeyId.isBlank()) return DefaultCredentialsProvider.builder().build();
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
  }

  /** Path-style addressing except on AWS itself, the region from AWS_REGION (default us-east-1). */
  public static S3Client create(URI endpoint, AwsCredentialsProvider credentials) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
        .forcePathStyle(!endpoint.getHost().endsWith("amazonaws.com"))
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
