package dev.kratixtemporal.model;

import java.util.Map;

/** One entry of destination-selectors.yaml or Promise destinationSelectors; directory null = root group. */
public record DestinationSelector(String directory, Map<String, String> matchLabels) {}
