package dev.kratixtemporal.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The resource API a Promise installs: which kind it serves, and its storage-version schema. */
public record PromiseApi(String group, String version, String kind, String plural, String crdName, ObjectNode schema) {
  public String apiVersion() {
    return group + "/" + version;
  }
}
