package dev.kratixtemporal.model;

import java.util.List;

/** A pipeline container as a Promise declares it (the fields the runtime acts on). */
public record Container(String name, String image, List<String> command, List<String> args, List<EnvVar> env) {
  public record EnvVar(String name, String value) {}
}
