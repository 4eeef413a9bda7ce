package dev.kratixtemporal.activities.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kratixtemporal.model.Docs;
import dev.kratixtemporal.model.HealthDefinition;
import dev.kratixtemporal.model.InvalidDocumentException;
import dev.kratixtemporal.model.KratixYaml;
import dev.kratixtemporal.model.OutputFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the HealthDefinitions out of a resource configure pipeline's outputs (docs/health-checks.md): they are
 * registered for the request instead of written to a Destination. A file holding only definitions leaves the
 * outputs; a file mixing them with other documents keeps those others as output (written again as YAML without the
 * definitions). A file that is not YAML is an output like any other.
 */
final class EmittedHealthDefinitions {
  /** What is left to deliver, and the definitions taken out. */
  record Picked(List<OutputFile> outputs, List<ObjectNode> definitions) {}

  private EmittedHealthDefinitions() {}

  /** @throws InvalidDocumentException an emitted definition that is not valid, or one name emitted twice */
  static Picked pick(List<OutputFile> files) {
    List<OutputFile> outputs = new ArrayList<>();
    Map<String, ObjectNode> definitions = new LinkedHashMap<>();
    for (OutputFile file : files) {
      // Cheap test first: most outputs never mention the kind, and need no parse.
      if (!file.content().contains(HealthDefinition.KIND) || !file.content().contains(Docs.KRATIX_API_VERSION)) {
        outputs.add(file);
        continue;
      }
      List<ObjectNode> docs;
      try {
        docs = KratixYaml.parseAll(file.content());
      } catch (InvalidDocumentException e) {
        outputs.add(file);
        continue;
      }
      List<ObjectNode> others = new ArrayList<>();
      for (ObjectNode doc : docs) {
        if (!isDefinition(doc)) {
          others.add(doc);
          continue;
        }
        String shown = PipelineOutputRules.OUTPUT + "/" + file.path();
        try {
          HealthDefinition.parse(doc);
        } catch (InvalidDocumentException e) {
          throw new InvalidDocumentException(shown + ": HealthDefinition \"" + Docs.name(doc) + "\": " + e.getMessage());
        }
        String key = Docs.namespace(doc) + "/" + Docs.name(doc);
        if (definitions.put(key, doc) != null) {
          throw new InvalidDocumentException(shown + ": HealthDefinition \"" + Docs.name(doc)
              + "\" is emitted more than once");
        }
      }
      if (others.size() == docs.size()) {
        outputs.add(file);
      } else if (!others.isEmpty()) {
        outputs.add(new OutputFile(file.path(), KratixYaml.toYaml(others)));
      }
    }
    return new Picked(outputs, List.copyOf(definitions.values()));
  }

  private static boolean isDefinition(ObjectNode doc) {
    return Docs.KRATIX_API_VERSION.equals(Docs.apiVersion(doc)) && HealthDefinition.KIND.equals(Docs.kind(doc));
  }
}
