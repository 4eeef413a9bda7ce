package dev.kratixtemporal.activities.statestore;

import dev.kratixtemporal.activities.secrets.SecretNotFoundException;
import dev.kratixtemporal.activities.secrets.Secrets;
import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.logic.Hashing;
import dev.kratixtemporal.logic.StatePaths;
import dev.kratixtemporal.model.BucketStateStore;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes BucketStateStores through the S3 API (Kratix docs: BucketStateStore; State store writing). Writes to one bucket are serialised, because an
 * aggregatedYAML file is read, changed and written back. A bucket has no commits: the version of a write is "".
 */
public class BucketStateStoreWriter implements StoreWriter<BucketStateStore> {
  static final String PERMISSION_CHECK = ".kratix-write-permission-check";

  private final Secrets secrets;
  private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();
  /** One client per endpoint and credentials, kept across writes (a changed Secret gets a new one). */
  private final ConcurrentMap<String, S3Client> clients = new ConcurrentHashMap<>();

  public BucketStateStoreWriter(Secrets secrets) {
    this.secrets = secrets;
  }

  /**
   * Retried by Temporal when it throws an IllegalStateException: the bucket may come back. What retrying cannot
   * fix fails non-retryable, named ({@link #permanent}); so does a path outside the store or under .git.
   */
  @Override
  public String write(BucketStateStore store, StoreChange change, BlobTexts contents) {
    StoreChanges.checkPaths(store.path(), change);
    synchronized (locks.computeIfAbsent(store.endpoint() + "/" + store.bucketName(), k -> new Object())) {
      try {
        StoreChanges.apply(new BucketFiles(client(store), store.bucketName()), store.path(), change, contents);
        return "";
      } catch (IOException | RuntimeException e) {
        if (e instanceof ApplicationFailure refused) throw refused;
        ApplicationFailure permanent = permanent(store, e);
        if (permanent != null) throw permanent;
        throw new IllegalStateException("writing to bucket " + store.bucketName() + " at " + store.endpoint() + ": "
            + StoreFailures.rootMessage(e), e);
      }
    }
  }

  /**
   * What retrying cannot fix, named (docs/store-writes.md): a missing Secret or key, no such bucket, credentials
   * refused, access denied. Else null: the write is retried.
   */
  private static ApplicationFailure permanent(BucketStateStore store, Exception e) {
    String where = "bucket " + store.bucketName() + " at " + store.endpoint();
    if (e instanceof SecretNotFoundException) return StoreFailures.of(StoreFailures.SECRET_NOT_FOUND, e.getMessage());
    if (e instanceof NoSuchBucketException) {
      return StoreFailures.of(StoreFailures.BUCKET_NOT_FOUND, "bucket " + store.bucketName() + " does not exist");
    }
    if (e instanceof S3Exception s3 && (s3.statusCode() == 403 || s3.statusCode() == 401)) {
      String code = s3.awsErrorDetails() == null ? "" : s3.awsErrorDetails().errorCode();
      boolean credentials = "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)
          || s3.statusCode() == 401;
      return StoreFailures.of(credentials ? StoreFailures.AUTHENTICATION : StoreFailures.ACCESS_DENIED,
          "writing to " + where + ": " + (code.isEmpty() ? "" : code + ": ") + StoreFailures.rootMessage(e));
    }
    return null;
  }

  /** The objects under a directory of the store (relative to its spec.path), by key. */
  @Override
  public Map<String, String> read(BucketStateStore store, String directory) {
    String prefix = StatePaths.join(store.path(), directory);
    BucketFiles files = new BucketFiles(client(store), store.bucketName());
    Map<String, String> out = new TreeMap<>();
    for (String key : files.list(prefix.isEmpty() ? "" : prefix + "/")) out.put(key, files.read(key));
    return out;
  }

  /** Kratix's readiness: a multipart upload of the permission-check object can be started (and is aborted). */
  @Override
  public void check(BucketStateStore store) {
    S3Client s3;
    try {
      s3 = client(store);
    } catch (SecretNotFoundException e) {
      throw StoreFailures.of(StoreFailures.SECRET_NOT_FOUND, e.getMessage());
    } catch (RuntimeException e) {
      throw StoreFailures.of(StoreFailures.INITIALISING, "unable to create the S3 client: " + StoreFailures.rootMessage(e));
    }
    String key = StatePaths.join(store.path(), PERMISSION_CHECK);
    try {
      String uploadId = s3.createMultipartUpload(b -> b.bucket(store.bucketName()).key(key)).uploadId();
      s3.abortMultipartUpload(b -> b.bucket(store.bucketName()).key(key).uploadId(uploadId));
    } catch (NoSuchBucketException e) {
      throw StoreFailures.of(StoreFailures.INITIALISING, "bucket " + store.bucketName() + " does not exist");
    } catch (S3Exception e) {
      throw StoreFailures.of(StoreFailures.PERMISSIONS, "write permission validation failed: "
          + e.awsErrorDetails().errorMessage() + " (status " + e.statusCode() + ")");
    } catch (SdkClientException e) {
      throw StoreFailures.of(StoreFailures.INITIALISING,
          "unable to reach " + endpoint(store) + ": " + StoreFailures.rootMessage(e));
    }
  }

  /** The Secret is read on every call, so a changed Secret applies to the next write. */
  private S3Client client(BucketStateStore store) {
    AwsCredentialsProvider credentials = credentials(store);
    String identity = credentials instanceof StaticCredentialsProvider c
        ? c.resolveCredentials().accessKeyId() + ":" + Hashing.md5(c.resolveCredentials().secretAccessKey()) : "IAM";
    URI endpoint = endpoint(store);
    return clients.computeIfAbsent(endpoint + "|" + identity, k -> S3Clients.create(endpoint, credentials));
  }

  private AwsCredentialsProvider credentials(BucketStateStore store) {
    if (store.authMethod().equals("IAM")) return S3Clients.credentials(null, null);
    Map<String, String> data = secrets.get(store.secretRef());
    return S3Clients.credentials(Secrets.require(data, store.secretRef(), "accessKeyID"),
        Secrets.require(data, store.secretRef(), "secretAccessKey"));
  }

  /** Kratix takes host[:port]; insecure means plain HTTP. */
  static URI endpoint(BucketStateStore store) {
    return S3Clients.endpoint(store.endpoint(), store.insecure());
  }
}
