package dev.kratixtemporal.api.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** lighttpd serving git-http-backend with basic auth on loopback, as a platform team's Git server would. */
final class GitHttpServer extends LocalServer {
  final Path repository;

  GitHttpServer(Path dir, String user, String password) {
    super(dir);
    repository = bareRepository(dir, "state.git");
    run(dir, "htpasswd", "-bc", dir.resolve("htpasswd").toString(), user, password);
    String backend = run(dir, "git", "--exec-path").strip() + "/git-http-backend";
    String conf = """
        server.bind = "127.0.0.1"
        server.port = %d
        server.document-root = "%s"
        server.errorlog = "%s/error.log"
        server.modules = ("mod_alias", "mod_auth", "mod_authn_file", "mod_cgi", "mod_setenv")
        alias.url = ( "/git/" => "%s/" )
        $HTTP["url"] =~ "^/git/" {
          cgi.assign = ("" => "")
          setenv.add-environment = ( "GIT_PROJECT_ROOT" => "%s", "GIT_HTTP_EXPORT_ALL" => "" )
        }
        auth.backend = "htpasswd"
        auth.backend.htpasswd.userfile = "%s/htpasswd"
        auth.require = ( "/git/" => ( "method" => "basic", "realm" => "git", "require" => "valid-user" ) )
        """.formatted(port, dir, dir, backend, dir, dir);
    try {
      Files.writeString(dir.resolve("lighttpd.conf"), conf);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    start(List.of("lighttpd", "-D", "-f", dir.resolve("lighttpd.conf").toString()));
  }

  String url() {
    return "http://127.0.0.1:" + port + "/git/state.git";
  }
}
