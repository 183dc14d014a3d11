package io.cruddur.images;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import io.cruddur.base.CruddurException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

/**
 * Copies images into a registry (the account's ECR, or any other) without a Docker daemon. The layers move as they
 * are: their digests in the target are the source's.
 */
public final class Images {
  /**
   * Where images go: a registry host ({@code 123456789012.dkr.ecr.us-east-1.amazonaws.com}, or {@code
   * 127.0.0.1:5000}) and the credential to push with (null for a registry that asks for none). Plain HTTP is used
   * only for a registry on this machine (127.0.0.1 or localhost).
   */
  public record Registry(String host, String username, String password) {
    @Override
    public String toString() {
      return "Registry[" + host + (username == null ? "" : ", as " + username) + "]";
    }

    boolean local() {
      String h = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
      return h.equals("127.0.0.1") || h.equals("localhost");
    }
  }

  /** An image put into a registry: where, its manifest's digest, and its image id (the config's digest). */
  public record Pushed(String image, String digest, String imageId) {}

  private final Path cache;

  private Images(Path cache) {
    this.cache = cache;
  }

  /** Images with Jib's default layer caches (in the user's cache directory). */
  public static Images withDefaultCaches() {
    return new Images(null);
  }

  /** Images whose layers are cached under {@code cache} (a test's own directory, say). */
  public static Images cachedIn(Path cache) {
    return new Images(cache);
  }

  /**
   * Copies {@code source} (any registry: {@code python:3.10-slim-buster} is Docker Hub's) to {@code repoAndTag}
   * ({@code repository:tag}) of {@code target}.
   */
  public Pushed mirror(String source, Registry target, String repoAndTag) {
    ImageReference from = reference(source, "the source image");
    RegistryImage base = RegistryImage.named(from);
    return put(Jib.from(base), target, repoAndTag, source);
  }

  /** Pushes a tarball written by {@code docker save} to {@code repoAndTag} of {@code target}. */
  public Pushed push(Path tarball, Registry target, String repoAndTag) {
    if (!Files.isRegularFile(tarball)) {
      throw new CruddurException("no such file: " + tarball);
    }
    return put(Jib.from(TarImage.at(tarball)), target, repoAndTag, tarball.toString());
  }

  private Pushed put(JibContainerBuilder image, Registry target, String repoAndTag, String what) {
    if (!repoAndTag.matches("[a-z0-9._/-]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?")) {
      throw new CruddurException("'" + repoAndTag + "' is not REPOSITORY:TAG (a repository name of lowercase "
          + "letters, digits, . _ / -, and a tag)");
    }
    ImageReference to = reference(target.host() + "/" + repoAndTag, "the target");
    RegistryImage destination = RegistryImage.named(to);
    if (target.username() != null) {
      destination.addCredential(target.username(), target.password());
    }
    Containerizer containerizer = Containerizer.to(destination).setToolName("cruddur")
        .setAllowInsecureRegistries(target.local());
    if (cache != null) {
      containerizer.setBaseImageLayersCache(cache.resolve("base")).setApplicationLayersCache(cache.resolve("app"));
    }
    try {
      // The image is kept as it is: no layer added, its entrypoint and creation time untouched.
      JibContainer result = image.containerize(containerizer);
      return new Pushed(to.toString(), result.getDigest().toString(), result.getImageId().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CruddurException("interrupted while copying " + what);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new CruddurException("cannot copy " + what + " to " + to + ": " + cause.getClass().getSimpleName()
          + ": " + cause.getMessage(), cause);
    } catch (Exception e) {
      throw new CruddurException("cannot copy " + what + " to " + to + ": " + e.getMessage(), e);
    }
  }

  private static ImageReference reference(String image, String what) {
    try {
      return ImageReference.parse(image);
    } catch (InvalidImageReferenceException e) {
      throw new CruddurException(what + " '" + image + "' is not an image reference");
    }
  }
}
