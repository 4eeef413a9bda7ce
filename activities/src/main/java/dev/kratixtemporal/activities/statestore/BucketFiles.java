package dev.kratixtemporal.activities.statestore;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The objects of a bucket as files: a key is a path, a "directory" is a key prefix. */
final class BucketFiles implements StoreFiles {
  private static final int DELETE_BATCH = 1000;

  private final S3Client s3;
  private final String bucket;

  BucketFiles(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  @Override
  public String read(String path) {
    try {
      return s3.getObjectAsBytes(b -> b.bucket(bucket).key(path)).asUtf8String();
    } catch (NoSuchKeyException e) {
      return null;
    }
  }

  @Override
  public void write(String path, String content) {
    s3.putObject(b -> b.bucket(bucket).key(path).contentType("application/yaml"), RequestBody.fromString(content));
  }

  @Override
  public void delete(String path) {
    s3.deleteObject(b -> b.bucket(bucket).key(path));
  }

  @Override
  public void deleteTree(String path) {
    List<ObjectIdentifier> keys = new ArrayList<>();
    keys.add(ObjectIdentifier.builder().key(path).build());
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(path + "/")).contents()) {
      keys.add(ObjectIdentifier.builder().key(o.key()).build());
    }
    for (int i = 0; i < keys.size(); i += DELETE_BATCH) {
      List<ObjectIdentifier> batch = keys.subList(i, Math.min(keys.size(), i + DELETE_BATCH));
      s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(batch).quiet(true).build()));
    }
  }

  /** All keys under a prefix ("" for the whole bucket), for tests and diagnostics. */
  List<String> list(String prefix) {
    List<String> out = new ArrayList<>();
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) out.add(o.key());
    return out;
  }
}
