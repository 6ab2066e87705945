package dev.files.service.http;

import io.vertx.ext.web.RoutingContext;

/** {@code /x} to {@code /x/}, so a page's relative links resolve inside its directory. */
final class SlashRedirect {
  private SlashRedirect() {}

  /** Redirects exactly {@code path}; Vert.x also routes {@code path + "/"} here, which goes on. */
  static void toDirectory(RoutingContext ctx, String path) {
    if (ctx.request().path().equals(path)) {
      ctx.redirect(path + "/");
    } else {
      ctx.next();
    }
  }
}
