package dev.kratixtemporal.api.slo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.api.listing.ListScope;
import dev.kratixtemporal.api.listing.ObjectLister;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SLOs' statuses, read at most once per {@code maxAge} however often they are asked for: every scrape of every
 * series reads this one list, which costs one visibility list and one status query per SLO.
 */
public class SloSnapshots {
  private static final Logger log = LoggerFactory.getLogger(SloSnapshots.class);
  private final Supplier<List<ObjectNode>> read;
  private final Duration maxAge;
  private final Clock clock;
  private List<ObjectNode> last = List.of();
  private Instant readAt = Instant.MIN;

  public SloSnapshots(Supplier<List<ObjectNode>> read, Duration maxAge, Clock clock) {
    this.read = read;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  public static SloSnapshots of(ObjectLister lister, Duration maxAge) {
    return new SloSnapshots(() -> lister.list(ListScope.slos()), maxAge, Clock.systemUTC());
  }

  /** The statuses as of at most maxAge ago; the last ones read when Temporal cannot be asked now. */
  public synchronized List<ObjectNode> current() {
    Instant now = clock.instant();
    if (readAt.plus(maxAge).isAfter(now)) return last;
    try {
      last = List.copyOf(read.get());
    } catch (RuntimeException e) {
      log.warn("SLO statuses could not be read, the metrics keep the last ones: {}", e.toString());
    }
    readAt = now;
    return last;
  }
}
