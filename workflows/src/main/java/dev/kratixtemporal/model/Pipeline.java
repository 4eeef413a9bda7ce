package dev.kratixtemporal.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** A Kratix Pipeline (platform.kratix.io/v1alpha1 Pipeline), embedded in a Promise workflow list. */
public record Pipeline(String name, Map<String, String> labels, List<Container> containers, ObjectNode raw) {}
