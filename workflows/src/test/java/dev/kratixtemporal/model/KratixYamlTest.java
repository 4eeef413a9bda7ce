package dev.kratixtemporal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class KratixYamlTest {

  @Test
  void parsesEveryDocumentAndSkipsEmptyOnes() {
    String text = """
        ---
        kind: A
        ---
        ---
        # only a comment
        ---
        kind: B
        ---
        """;

    List<ObjectNode> docs = KratixYaml.parseAll(text);

    assertThat(docs).extracting(Docs::kind).containsExactly("A", "B");
  }

  @Test
  void explicitNullDocumentIsSkipped() {
    assertThat(KratixYaml.parseAll("kind: A\n---\nnull\n---\n~\n")).hasSize(1);
  }

  @Test
  void emptyTextHasNoDocuments() {
    assertThat(KratixYaml.parseAll("")).isEmpty();
  }

  @Test
  void resolvesAnchorsAndAliases() {
    String text = """
        env: &env
          - name: A
            value: "1"
        containers:
          - env: *env
          - env: *env
        """;

    ObjectNode doc = KratixYaml.parseOne(text);

    assertThat(doc.path("containers").get(0).path("env").get(0).path("name").asText()).isEqualTo("A");
    assertThat(doc.path("containers").get(1).path("env")).isEqualTo(doc.path("env"));
  }

  @Test
  void resolvesScalarAlias() {
    ObjectNode doc = KratixYaml.parseOne("a: &v hello\nb: *v\n");

    assertThat(doc.path("b").asText()).isEqualTo("hello");
  }

  @Test
  void resolvesMergeKeys() {
    ObjectNode doc = KratixYaml.parseOne("base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n");

    assertThat(doc.path("merged")).isEqualTo(KratixYaml.parseOne("x: 1\ny: 2\n"));
  }

  @Test
  void acceptsJson() {
    ObjectNode doc = KratixYaml.parseOne("{\"kind\": \"Promise\", \"metadata\": {\"name\": \"x\"}, \"n\": [1, 2]}");

    assertThat(Docs.kind(doc)).isEqualTo("Promise");
    assertThat(Docs.name(doc)).isEqualTo("x");
    assertThat(doc.path("n")).hasSize(2);
  }

  @Test
  void rejectsTextThatIsNotYaml() {
    assertThatThrownBy(() -> KratixYaml.parseAll("kind: [unclosed\n  other: {"))
        .isInstanceOf(InvalidDocumentException.class).hasMessageStartingWith("not valid YAML or JSON");
  }

  @Test
  void notYamlMessageIsOneLine() {
    assertThatThrownBy(() -> KratixYaml.parseAll("a: b: c\n"))
        .isInstanceOf(InvalidDocumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).startsWith("not valid YAML or JSON").doesNotContain("\n"));
  }

  @Test
  void rejectsScalarDocumentNamingItsPosition() {
    assertThatThrownBy(() -> KratixYaml.parseAll("kind: A\n---\njust a string\n"))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("document 2").hasMessageContaining("mapping");
  }

  @Test
  void rejectsListDocument() {
    assertThatThrownBy(() -> KratixYaml.parseAll("- a\n- b\n"))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("document 1");
  }

  @Test
  void parseOneRejectsSeveralDocuments() {
    assertThatThrownBy(() -> KratixYaml.parseOne("a: 1\n---\nb: 2\n"))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("found 2");
  }

  @Test
  void parseOneRejectsNoDocument() {
    assertThatThrownBy(() -> KratixYaml.parseOne("---\n")).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("found 0");
  }

  @Test
  void yamlRoundTripKeepsContent() {
    ObjectNode doc = KratixYaml.parseOne("kind: A\nspec:\n  n: 3\n  s: \"007\"\n  l: [x, y]\n");

    assertThat(KratixYaml.parseOne(KratixYaml.toYaml(doc))).isEqualTo(doc);
  }

  @Test
  void listOfDocumentsIsJoinedWithSeparators() {
    List<ObjectNode> docs = KratixYaml.parseAll("kind: A\n---\nkind: B\n");

    String text = KratixYaml.toYaml(docs);

    assertThat(text).doesNotStartWith("---").contains("---\n");
    assertThat(KratixYaml.parseAll(text)).isEqualTo(docs);
  }

  @Test
  void canonicalJsonSortsKeysAtEveryLevel() {
    ObjectNode doc = KratixYaml.parseOne("b: 1\na:\n  z: 1\n  y: 2\n");

    assertThat(KratixYaml.canonicalJson(doc)).isEqualTo("{\"a\":{\"y\":2,\"z\":1},\"b\":1}");
  }
}
