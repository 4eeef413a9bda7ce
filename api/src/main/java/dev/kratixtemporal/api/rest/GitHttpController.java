package dev.kratixtemporal.api.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Serves the local state-store repository read-only over Git's smart HTTP protocol, so that
 * `git clone http://localhost:8080/git/state.git` and GitOps agents can read it. Pushing is refused.
 */
@RestController
public class GitHttpController {
  private final Path repositories;

  public GitHttpController(@Value("${kratix.data-dir:data}") Path dataDir) {
    this.repositories = dataDir.toAbsolutePath();
  }

  @GetMapping("/git/{repo}/info/refs")
  public void advertise(@PathVariable String repo, @RequestParam(required = false) String service,
      HttpServletResponse response) throws IOException {
    if (!"git-upload-pack".equals(service)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "this repository is read-only; use git-upload-pack");
    }
    try (Repository repository = open(repo)) {
      response.setContentType("application/x-git-upload-pack-advertisement");
      response.setHeader("Cache-Control", "no-cache");
      OutputStream out = response.getOutputStream();
      PacketLineOut pkt = new PacketLineOut(out);
      pkt.writeString("# service=git-upload-pack\n");
      pkt.end();
      UploadPack pack = new UploadPack(repository);
      pack.setBiDirectionalPipe(false);
      pack.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(pkt));
      out.flush();
    }
  }

  @PostMapping("/git/{repo}/git-upload-pack")
  public void uploadPack(@PathVariable String repo, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try (Repository repository = open(repo)) {
      response.setContentType("application/x-git-upload-pack-result");
      response.setHeader("Cache-Control", "no-cache");
      InputStream in = request.getInputStream();
      if ("gzip".equals(request.getHeader("Content-Encoding"))) in = new GZIPInputStream(in);
      UploadPack pack = new UploadPack(repository);
      pack.setBiDirectionalPipe(false);
      pack.uploadWithExceptionPropagation(in, response.getOutputStream(), null);
    } catch (IOException e) {
      // A request that is not the Git protocol: the client's fault, said as problem details while nothing is sent.
      if (response.isCommitted()) throw e;
      response.reset();
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a git-upload-pack request: " + e.getMessage());
    }
  }

  @PostMapping("/git/{repo}/git-receive-pack")
  public void receivePack() {
    throw new ResponseStatusException(HttpStatus.FORBIDDEN, "this repository is read-only");
  }

  private Repository open(String name) throws IOException {
    Path dir = repositories.resolve(name).normalize();
    if (!name.endsWith(".git") || !repositories.equals(dir.getParent()) || !Files.isDirectory(dir)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no repository " + name);
    }
    return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
  }
}
