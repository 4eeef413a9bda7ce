package dev.kratixtemporal.api.listing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statuses of a list's objects (the SLOs, the HealthDefinitions), read at most once per {@code maxAge} however
 * often they are asked for: every scrape of every series reads this one list, which costs one visibility list and
 * one status query per object.
 */
public class CachedStatuses {
  private static final Logger log = LoggerFactory.getLogger(CachedStatuses.class);
  private final String what;
  private final Supplier<List<ObjectNode>> read;
  private final Duration maxAge;
  private final Clock clock;
  private List<ObjectNode> last = List.of();
  private Instant readAt = Instant.MIN;

  /** @param what the objects, for the log: "SLO", "HealthDefinition" */
  public CachedStatuses(String what, Supplier<List<ObjectNode>> read, Duration maxAge, Clock clock) {
    this.what = what;
    this.read = read;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  public static CachedStatuses of(ObjectLister lister, ListScope scope, Duration maxAge) {
    return new CachedStatuses(scope.kind(), () -> lister.list(scope), maxAge, Clock.systemUTC());
  }

  /** The statuses as of at most maxAge ago; the last ones read when Temporal cannot be asked now. */
  public synchronized List<ObjectNode> current() {
    Instant now = clock.instant();
    if (readAt.plus(maxAge).isAfter(now)) return last;
    try {
      last = List.copyOf(read.get());
    } catch (RuntimeException e) {
      log.warn("{} statuses could not be read, the metrics keep the last ones: {}", what, e.toString());
    }
    readAt = now;
    return last;
  }
}
