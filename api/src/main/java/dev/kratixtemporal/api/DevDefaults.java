package dev.kratixtemporal.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.springframework.util.FileSystemUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The dev default: a bare repository in the data folder as GitStateStore "default", and Destination "dev"
 * (label environment: dev) registered against it, applied through the same path as the REST API.
 */
@Component
@ConditionalOnProperty(name = "kratix.dev.enabled", havingValue = "true")
public class DevDefaults {
  private static final Logger log = LoggerFactory.getLogger(DevDefaults.class);
  public static final String REPOSITORY = "state.git";

  private final ApplyService applyService;
  private final Path dataDir;

  private final String platformDestination;

  public DevDefaults(ApplyService applyService, @Value("${kratix.data-dir:data}") Path dataDir,
      ApiProperties settings) {
    this.applyService = applyService;
    this.dataDir = dataDir.toAbsolutePath();
    this.platformDestination = settings.platform().destination();
  }

  /** A bare repository whose main branch has one commit, as a freshly created hosted repository would. */
  static void createRepository(Path repo) throws IOException, GitAPIException {
    Path seed = Files.createTempDirectory("kratix-seed");
    try (Git git = Git.init().setDirectory(seed.toFile()).setInitialBranch("main").call()) {
      Files.writeString(seed.resolve("README.md"), "State store written by Kratix on Temporal.\n");
      git.add().addFilepattern("README.md").call();
      PersonIdent kratix = new PersonIdent("kratix", "kratix@kratix.io");
      git.commit().setMessage("Initialise state store").setAuthor(kratix).setCommitter(kratix).call();
    }
    Git.cloneRepository().setBare(true).setURI(seed.toUri().toString()).setDirectory(repo.toFile()).call().close();
    FileSystemUtils.deleteRecursively(seed);
  }

  /**
   * This repository is served from our own process: every push writes a pack, and JGit's automatic gc (past 50
   * packs) keeps the packs it replaced for an hour by default. At a thousand pushes an hour, each object lookup then
   * searched hundreds of packs and each gc repacked them all again: half of the worker's CPU (README, Benchmark).
   * Replaced packs go at once instead; objects are still pruned only after gc's usual two weeks.
   */
  static void keepPacksFew(Path repo) throws IOException {
    try (Repository r = new FileRepositoryBuilder().setGitDir(repo.toFile()).build()) {
      StoredConfig config = r.getConfig();
      if (!"now".equals(config.getString(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_PRUNEPACKEXPIRE))) {
        config.setString(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_PRUNEPACKEXPIRE, "now");
        config.save();
      }
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  public void onReady() throws IOException, GitAPIException {
    Path repo = dataDir.resolve(REPOSITORY);
    if (!Files.exists(repo)) createRepository(repo);
    keepPacksFew(repo);
    String documents = """
        apiVersion: platform.kratix.io/v1alpha1
        kind: GitStateStore
        metadata:
          name: default
        spec:
          url: %s
          branch: main
        ---
        apiVersion: platform.kratix.io/v1alpha1
        kind: Destination
        metadata:
          name: dev
          labels:
            environment: dev
        spec:
          path: dev
          stateStoreRef:
            kind: GitStateStore
            name: default
        """.formatted(repo);
    if (!platformDestination.isEmpty()) {
      // The platform itself, for compound Promises (Kratix docs: Compound Promises, marketplace, Promise Releases): selected only by environment: platform.
      documents += """
          ---
          apiVersion: platform.kratix.io/v1alpha1
          kind: Destination
          metadata:
            name: %s
            labels:
              environment: platform
          spec:
            path: %s
            strictMatchLabels: true
            stateStoreRef:
              kind: GitStateStore
              name: default
          """.formatted(platformDestination, platformDestination);
    }
    String all = documents;
    // Workers start on the same event; apply from another thread so their start is not held up.
    Thread t = new Thread(() -> {
      try {
        applyService.apply(all);
        log.info("dev default ready: GitStateStore default ({}), Destination dev{}", repo,
            platformDestination.isEmpty() ? "" : " and platform Destination " + platformDestination);
      } catch (RuntimeException e) {
        log.error("could not apply the dev default", e);
      }
    }, "kratix-dev-defaults");
    t.setDaemon(true);
    t.start();
  }
}
