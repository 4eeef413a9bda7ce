package dev.kratixtemporal.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.testsupport.KratixSamples;
import java.util.List;

/** The Promises of the upstream Kratix samples, found by {@link KratixSamples}. */
final class Samples {
  private Samples() {}

  static List<ObjectNode> promiseDocs(String relative) {
    return KratixSamples.docs(relative).stream().filter(d -> "Promise".equals(Docs.kind(d))).toList();
  }

  static Promise promise(String relative) {
    List<ObjectNode> promises = promiseDocs(relative);
    if (promises.size() != 1) throw new AssertionError(relative + ": expected one Promise, found " + promises.size());
    return Promise.parse(promises.get(0));
  }
}
