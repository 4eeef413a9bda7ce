package dev.kratixtemporal.logic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kratixtemporal.activity.StoreChange;
import dev.kratixtemporal.model.Destination;
import dev.kratixtemporal.model.FileRef;
import dev.kratixtemporal.model.GitStateStore;
import dev.kratixtemporal.model.StoreRef;
import dev.kratixtemporal.model.Work;
import dev.kratixtemporal.model.WorkloadGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each filepath.mode removes, writes and tracks for one placement (Kratix docs: nestedByMetadata; aggregatedYAML; none). */
class DestinationLayoutTest {
  private static final GitStateStore STORE = new GitStateStore("s", "/nowhere", "main", "", "k", "k@k", "basicAuth", null);
  private static final FileRef CM = new FileRef("cm.yaml", "ab".repeat(32), 15);
  private static final WorkloadGroup ROOT = new WorkloadGroup(Hashing.groupId("."), ".", List.of(CM), List.of());
  private static final Work WORK = new Work("redis-db-configure-x1y2z", "redis", "db", "team-a", "configure", List.of(ROOT));
  private static final String PLACEMENT = "redis-db-configure-x1y2z.worker-1-5058f";

  private static DestinationLayout layout(String mode) {
    return DestinationLayout.of(new Destination("worker-1", Map.of(), "clusters/w1", new StoreRef("GitStateStore", "s"),
        false, mode, "all.yaml", "none", true));
  }

  @Test
  void nestedByMetadataReplacesThePlacementsOwnDirectory() {
    StoreChange c = layout(Destination.NESTED).place(STORE, WORK, ROOT, PLACEMENT, List.of(CM), "Update from: x");
    String dir = "clusters/w1/resources/team-a/redis/db/configure/5058f";
    assertThat(c.removeDirectories()).containsExactly(dir);
    assertThat(c.files()).containsExactly(CM.at(dir + "/cm.yaml"));
    assertThat(c.trackingFile()).isNull();
    assertThat(c.aggregate()).isNull();
  }

  @Test
  void noneWritesFlatAndTracksWhatItWrote() {
    StoreChange c = layout(Destination.NONE).place(STORE, WORK, ROOT, PLACEMENT, List.of(CM), "Update from: x");
    assertThat(c.removeDirectories()).isEmpty();
    assertThat(c.files()).containsExactly(CM.at("clusters/w1/cm.yaml"));
    assertThat(c.trackingFile()).isEqualTo("clusters/w1/.kratix/team-a-" + PLACEMENT + ".yaml");
    String tracking = DestinationLayout.trackingFileContent(List.of("clusters/w1/cm.yaml"));
    assertThat(DestinationLayout.trackedFiles(tracking)).containsExactly("clusters/w1/cm.yaml");
  }

  @Test
  void aggregatedYamlReplacesThePlacementsPartOfTheOneFileByReference() {
    StoreChange c = layout(Destination.AGGREGATED).place(STORE, WORK, ROOT, PLACEMENT, List.of(CM), "Update from: x");
    assertThat(c.files()).isEmpty();
    assertThat(c.aggregate()).isEqualTo(new StoreChange.AggregatedPart("clusters/w1/all.yaml", PLACEMENT, List.of(CM)));
    assertThat(c.refs()).containsExactly(CM);
    assertThat(DestinationLayout.mergeAggregated(null, PLACEMENT, List.of("kind: ConfigMap\n")))
        .isEqualTo("# kratix.io/work-placement: " + PLACEMENT + "\nkind: ConfigMap\n");
  }

  @Test
  void cleanupRemovesTheDestinationsPathOrOnlyWhatKratixWritesAtTheRoot() {
    assertThat(layout(Destination.NESTED).everything()).containsExactly("clusters/w1");
    DestinationLayout atRoot = DestinationLayout.of(new Destination("r", Map.of(), "/", new StoreRef("GitStateStore", "s"),
        false, Destination.AGGREGATED, "all.yaml", "all", true));
    assertThat(atRoot.everything()).containsExactly("dependencies", "resources", ".kratix",
        "kratix-canary-namespace.yaml", "kratix-canary-configmap.yaml", "all.yaml");
  }
}
