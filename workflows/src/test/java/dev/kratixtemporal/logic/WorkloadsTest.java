package dev.kratixtemporal.logic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.model.DestinationSelector;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.FileRef;
import dev.kratixtemporal.model.SourcedSelector;
import dev.kratixtemporal.model.WorkloadGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadsTest {
  private static final String ROOT_ID = "5058f1af8388633f609cadb75a75dc9d";
  private static final List<Map<String, String>> PROMISE_SELECTORS = List.of(Map.of("team", "platform"));

  private static FileRef file(String path) {
    return new FileRef(path, Hashing.sha256("content of " + path), 11 + path.length());
  }

  private static List<WorkloadGroup> groups(List<FileRef> files, List<DestinationSelector> selectors) {
    return Workloads.groups(files, selectors, PROMISE_SELECTORS, SourcedSelector.RESOURCE_WORKFLOW);
  }

  private static WorkloadGroup group(List<WorkloadGroup> groups, String directory) {
    return groups.stream().filter(g -> g.directory().equals(directory)).findFirst()
        .orElseThrow(() -> new AssertionError("no group for directory " + directory + " in " + groups));
  }

  @Test
  void rootGroupIdIsMd5OfDot() {
    List<WorkloadGroup> out = groups(List.of(file("a.yaml")), List.of());

    assertThat(out).singleElement().satisfies(g -> {
      assertThat(g.id()).isEqualTo(ROOT_ID).isEqualTo(Hashing.md5("."));
      assertThat(g.directory()).isEqualTo(".");
      assertThat(g.shortId()).isEqualTo("5058f");
    });
  }

  @Test
  void rootGroupGetsFilesOutsideListedDirectoriesIncludingUnlistedSubdirectories() {
    List<WorkloadGroup> out = groups(
        List.of(file("a.yaml"), file("foo/b.yaml"), file("bar/c.yaml"), file("bar/deep/d.yaml")),
        List.of(new DestinationSelector("foo", Map.of("zone", "a"))));

    assertThat(group(out, ".").files()).extracting(FileRef::path)
        .containsExactlyInAnyOrder("a.yaml", "bar/c.yaml", "bar/deep/d.yaml");
  }

  @Test
  void rootGroupSelectorsArePromiseSelectorsPlusNoDirectoryEntryWithWorkflowSource() {
    List<WorkloadGroup> out = groups(List.of(file("a.yaml")),
        List.of(new DestinationSelector(null, Map.of("env", "prod"))));

    assertThat(group(out, ".").selectors()).containsExactlyInAnyOrder(
        new SourcedSelector(Map.of("env", "prod"), SourcedSelector.RESOURCE_WORKFLOW),
        new SourcedSelector(Map.of("team", "platform"), SourcedSelector.PROMISE));
  }

  @Test
  void noDirectoryEntrySourceFollowsTheWorkflowType() {
    List<WorkloadGroup> out = Workloads.groups(List.of(file("a.yaml")),
        List.of(new DestinationSelector(null, Map.of("env", "prod"))), List.of(), SourcedSelector.PROMISE_WORKFLOW);

    assertThat(group(out, ".").selectors())
        .containsExactly(new SourcedSelector(Map.of("env", "prod"), SourcedSelector.PROMISE_WORKFLOW));
  }

  @Test
  void rootGroupWithoutNoDirectoryEntryHasOnlyPromiseSelectors() {
    List<WorkloadGroup> out = groups(List.of(file("a.yaml")), List.of());

    assertThat(group(out, ".").selectors())
        .containsExactly(new SourcedSelector(Map.of("team", "platform"), SourcedSelector.PROMISE));
  }

  @Test
  void dotDirectoryEntryCountsAsTheNoDirectoryEntry() {
    List<WorkloadGroup> out = groups(List.of(file("a.yaml")), List.of(new DestinationSelector(".", Map.of("env", "prod"))));

    assertThat(out).singleElement().satisfies(g -> {
      assertThat(g.id()).isEqualTo(ROOT_ID);
      assertThat(g.selectors()).contains(new SourcedSelector(Map.of("env", "prod"), SourcedSelector.RESOURCE_WORKFLOW));
    });
  }

  @Test
  void directoryEntryMakesItsOwnGroupWithOnlyItsOwnLabels() {
    List<WorkloadGroup> out = groups(List.of(file("a.yaml"), file("foo/b.yaml"), file("foo/sub/c.yaml")),
        List.of(new DestinationSelector(null, Map.of("env", "prod")), new DestinationSelector("foo", Map.of("zone", "a"))));

    WorkloadGroup foo = group(out, "foo");
    assertThat(foo.id()).isEqualTo(Hashing.md5("foo"));
    assertThat(foo.files()).extracting(FileRef::path).containsExactly("foo/b.yaml", "foo/sub/c.yaml");
    assertThat(foo.selectors()).containsExactly(new SourcedSelector(Map.of("zone", "a"), SourcedSelector.RESOURCE_WORKFLOW));
  }

  @Test
  void directoryGroupKeepsFileContent() {
    List<WorkloadGroup> out = groups(List.of(file("foo/b.yaml")), List.of(new DestinationSelector("foo", Map.of("zone", "a"))));

    assertThat(group(out, "foo").files()).containsExactly(file("foo/b.yaml"));
  }

  @Test
  void trailingSlashDirectoryIsCleaned() {
    List<WorkloadGroup> out = groups(List.of(file("foo/b.yaml")), List.of(new DestinationSelector("foo/", Map.of("zone", "a"))));

    assertThat(out).singleElement().satisfies(g -> {
      assertThat(g.directory()).isEqualTo("foo");
      assertThat(g.id()).isEqualTo(Hashing.md5("foo"));
    });
  }

  @Test
  void eachDirectoryEntryGetsItsOwnGroupId() {
    List<WorkloadGroup> out = groups(List.of(file("eu/a.yaml"), file("us/b.yaml")), List.of(
        new DestinationSelector("eu", Map.of("region", "eu")), new DestinationSelector("us", Map.of("region", "us"))));

    assertThat(out).extracting(WorkloadGroup::id).containsExactlyInAnyOrder(Hashing.md5("eu"), Hashing.md5("us"));
  }

  @Test
  void emptyRootGroupIsDropped() {
    List<WorkloadGroup> out = groups(List.of(file("foo/b.yaml")),
        List.of(new DestinationSelector(null, Map.of("env", "prod")), new DestinationSelector("foo", Map.of("zone", "a"))));

    assertThat(out).extracting(WorkloadGroup::directory).containsExactly("foo");
  }

  @Test
  void noOutputMeansNoGroups() {
    assertThat(groups(List.of(), List.of())).isEmpty();
  }

  @Test
  void rejectsEntryWithoutMatchLabels() {
    List<DestinationSelector> selectors = List.of(
        new DestinationSelector("foo", Map.of("zone", "a")), new DestinationSelector("bar", Map.of()));

    assertThatThrownBy(() -> Workloads.validate(selectors)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("destination-selectors.yaml[1]").hasMessageContaining("matchLabels");
  }

  @Test
  void rejectsEntryWithNullMatchLabels() {
    assertThatThrownBy(() -> Workloads.validate(List.of(new DestinationSelector("foo", null))))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("destination-selectors.yaml[0]");
  }

  @Test
  void rejectsDuplicateDirectory() {
    List<DestinationSelector> selectors = List.of(
        new DestinationSelector("foo", Map.of("a", "1")), new DestinationSelector("foo", Map.of("b", "2")));

    assertThatThrownBy(() -> Workloads.validate(selectors)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("destination-selectors.yaml[1]").hasMessageContaining("duplicate").hasMessageContaining("foo");
  }

  @Test
  void rejectsDuplicateDirectoryWhenOneHasTrailingSlash() {
    List<DestinationSelector> selectors = List.of(
        new DestinationSelector("foo", Map.of("a", "1")), new DestinationSelector("foo/", Map.of("b", "2")));

    assertThatThrownBy(() -> Workloads.validate(selectors)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("destination-selectors.yaml[1]").hasMessageContaining("duplicate");
  }

  @Test
  void rejectsTwoEntriesWithoutDirectory() {
    List<DestinationSelector> selectors = List.of(
        new DestinationSelector(null, Map.of("a", "1")), new DestinationSelector(null, Map.of("b", "2")));

    assertThatThrownBy(() -> Workloads.validate(selectors)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("destination-selectors.yaml[1]").hasMessageContaining("duplicate");
  }

  @Test
  void rejectsNestedDirectory() {
    List<DestinationSelector> selectors = List.of(new DestinationSelector("foo/bar", Map.of("a", "1")));

    assertThatThrownBy(() -> Workloads.validate(selectors)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("destination-selectors.yaml[0]").hasMessageContaining("foo/bar");
  }

  @Test
  void groupsValidatesBeforeGrouping() {
    assertThatThrownBy(() -> groups(List.of(file("foo/bar/a.yaml")), List.of(new DestinationSelector("foo/bar", Map.of("a", "1")))))
        .isInstanceOf(InvalidDocumentException.class);
  }

  @Test
  void acceptsDistinctTopLevelDirectoriesAndOneRootEntry() {
    Workloads.validate(List.of(new DestinationSelector(null, Map.of("a", "1")),
        new DestinationSelector("foo", Map.of("b", "2")), new DestinationSelector("bar/", Map.of("c", "3"))));
  }
}
