package dev.kratixtemporal.api.admission;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kratixtemporal.model.InvalidDocumentException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelativePathsTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "clusters/dev", "a/./b", ".", "/", "", "dev/", ".github", "a.git"})
  void acceptsPathsInsideTheStore(String path) {
    assertThatCode(() -> RelativePaths.require("spec.path", path, true)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../../tmp", "..", "a/../../b", "/etc", "//x", ".git", ".git/hooks", "a/.GIT/x",
      "a\\..\\b", "a\nb", "a\u0000b"})
  void refusesPathsThatLeaveTheStoreOrEnterGit(String path) {
    assertThatThrownBy(() -> RelativePaths.require("spec.path", path, true))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageStartingWith("spec.path: must");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "/"})
  void aFileNameIsNotTheRoot(String path) {
    assertThatThrownBy(() -> RelativePaths.require("spec.filepath.filename", path, false))
        .hasMessageStartingWith("spec.filepath.filename: must name a file");
  }
}
