package dev.kratixtemporal.api.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The state store seen from outside: a `git clone` over HTTP with the git CLI, as a GitOps agent would read it. */
final class StateRepository {
  private final String url;

  StateRepository(String url) {
    this.url = url;
  }

  /** A fresh clone; the caller reads files from it. */
  Path cloneNow() {
    try {
      Path dir = Files.createTempDirectory("kratix-clone");
      git(dir.getParent(), "clone", "-q", url, dir.toString());
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every file in the current tree, relative to the root, sorted. */
  List<String> files() {
    Path dir = cloneNow();
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
          .filter(p -> !p.startsWith(".git/")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String read(String path) {
    try {
      return Files.readString(cloneNow().resolve(path));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One line per line of every commit message, as "author <email>|line", newest first (a commit that groups
   * several writes has one "Update from:" line per placement).
   */
  List<String> log() {
    List<String> lines = new ArrayList<>();
    for (String commit : git(cloneNow(), "log", "--format=%an <%ae>%x1f%B%x1e").split("\u001e")) {
      String[] parts = commit.strip().split("\u001f", 2);
      if (parts.length < 2) continue;
      for (String line : parts[1].strip().split("\n")) lines.add(parts[0] + "|" + line);
    }
    return lines;
  }

  /** A hosted repository as a platform team would create it: a main branch with one commit (a README). */
  static void createBare(Path bare, String readme) {
    try {
      Path seed = Files.createTempDirectory("seed");
      git(seed, "init", "-q", "-b", "main");
      Files.writeString(seed.resolve("README.md"), readme + "\n");
      git(seed, "add", "README.md");
      git(seed, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "init");
      git(seed.getParent(), "clone", "-q", "--bare", seed.toString(), bare.toString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String git(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
      }
      return out.strip();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
