package dev.kratixtemporal.api.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KindRefTest {

  @Test
  void objectsMapToTheWorkflowIdsTheRestApiUses() {
    assertThat(new ObjectRef(KindRef.PROMISE, "", "redis").workflowId()).isEqualTo("promise/redis");
    assertThat(new ObjectRef(KindRef.DESTINATION, "", "dev").workflowId()).isEqualTo("destination/dev");
    assertThat(new ObjectRef(KindRef.GIT_STATE_STORE, "", "default").workflowId()).isEqualTo("gitstatestore/default");
    assertThat(new ObjectRef(KindRef.BUCKET_STATE_STORE, "", "s3").workflowId()).isEqualTo("bucketstatestore/s3");
    KindRef redis = KindRef.requestsOf("redis", "marketplace.kratix.io", "v1alpha1", "redis", "redis");
    assertThat(new ObjectRef(redis, "team-a", "cache").workflowId()).isEqualTo("resource/redis/team-a/cache");
    assertThat(redis.crdName()).isEqualTo("redis.marketplace.kratix.io");
    assertThat(KindRef.HEALTH_RECORD.hasWorkflow()).isFalse();
  }

  @Test
  void backoffDoublesUpToAMinute() {
    assertThat(ObjectReconciler.backoff(1).toMillis()).isEqualTo(500);
    assertThat(ObjectReconciler.backoff(2).toMillis()).isEqualTo(1000);
    assertThat(ObjectReconciler.backoff(30).toSeconds()).isEqualTo(60);
  }
}
