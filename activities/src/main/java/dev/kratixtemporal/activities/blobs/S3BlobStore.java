package dev.kratixtemporal.activities.blobs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The cluster's blob store: an S3 bucket (any S3-compatible server), keys {@code <prefix>/sha256/ab/abcdef...} and
 * {@code <prefix>/roots/<escaped owner id>}. A put is one PUT, which S3 applies whole, and refreshes the object's
 * LastModified, which the sweeper reads as the blob's age.
 */
public class S3BlobStore implements BlobStore {
  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  /** @param prefix a key prefix, "" for the bucket's root */
  public S3BlobStore(S3Client s3, String bucket, String prefix) {
    this.s3 = s3;
    this.bucket = bucket;
    String p = prefix == null ? "" : prefix.strip();
    while (p.startsWith("/")) p = p.substring(1);
    while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
    this.prefix = p.isEmpty() ? "" : p + "/";
  }

  String key(String sha256) {
    Sha256.checked(sha256);
    return prefix + "sha256/" + sha256.substring(0, 2) + "/" + sha256;
  }

  private String rootKey(String owner) {
    return prefix + "roots/" + Sha256.escapeOwner(owner);
  }

  @Override
  public String put(byte[] content) {
    String sha = Sha256.of(content);
    s3.putObject(b -> b.bucket(bucket).key(key(sha)), RequestBody.fromBytes(content));
    return sha;
  }

  @Override
  public byte[] get(String sha256) {
    try {
      return Sha256.verified(sha256, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key(sha256))).asByteArray());
    } catch (NoSuchKeyException e) {
      throw new BlobMissingException(sha256);
    }
  }

  @Override
  public boolean exists(String sha256) {
    try {
      s3.headObject(b -> b.bucket(bucket).key(key(sha256)));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) return false;
      throw e;
    }
  }

  @Override
  public List<Blob> list() {
    List<Blob> out = new ArrayList<>();
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + "sha256/")).contents()) {
      out.add(new Blob(o.key().substring(o.key().lastIndexOf('/') + 1), o.lastModified()));
    }
    return out;
  }

  @Override
  public void delete(String sha256) {
    s3.deleteObject(b -> b.bucket(bucket).key(key(sha256)));
  }

  @Override
  public void retain(String owner, Collection<String> sha256s) {
    sha256s.forEach(Sha256::checked);
    s3.putObject(b -> b.bucket(bucket).key(rootKey(owner)),
        RequestBody.fromString(String.join("\n", new TreeSet<>(sha256s)), StandardCharsets.UTF_8));
  }

  @Override
  public void release(String owner) {
    s3.deleteObject(b -> b.bucket(bucket).key(rootKey(owner)));
  }

  @Override
  public Set<String> roots() {
    Set<String> out = new TreeSet<>();
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + "roots/")).contents()) {
      try {
        s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asUtf8String().lines()
            .filter(l -> !l.isBlank()).forEach(out::add);
      } catch (NoSuchKeyException gone) {
        // Released while listing.
      }
    }
    return out;
  }
}
