package io.cruddur.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import io.cruddur.base.CruddurException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images into a real registry (Debian's docker-registry on 127.0.0.1), without a Docker daemon: an image built here
 * from tiny layers is mirrored, and a docker-save tarball is pushed; the manifests read back from the registry's
 * API carry the layers' digests.
 */
class ImagesTest {
  @RegisterExtension
  static final LocalRegistry REGISTRY = new LocalRegistry();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCEPT = "application/vnd.docker.distribution.manifest.v2+json, "
      + "application/vnd.oci.image.manifest.v1+json";

  @TempDir
  Path dir;

  private Images images() {
    return Images.cachedIn(dir.resolve("cache"));
  }

  private Images.Registry registry() {
    return new Images.Registry(REGISTRY.host(), null, null);
  }

  /** An image made here: two layers of a few bytes, pushed to the registry as {@code name}. */
  private JibContainer build(String name) throws Exception {
    Path a = Files.writeString(dir.resolve("hello.txt"), "hello from cruddur " + name + "\n");
    Path b = Files.writeString(dir.resolve("app.sh"), "#!/bin/sh\necho app\n");
    return Jib.fromScratch()
        .addFileEntriesLayer(FileEntriesLayer.builder().setName("text").addEntry(a,
            AbsoluteUnixPath.get("/srv/hello.txt")).build())
        .addFileEntriesLayer(FileEntriesLayer.builder().setName("app").addEntry(b,
            AbsoluteUnixPath.get("/srv/app.sh")).build())
        .setEntrypoint("/srv/app.sh")
        .containerize(Containerizer.to(RegistryImage.named(REGISTRY.host() + "/" + name))
            .setAllowInsecureRegistries(true).setBaseImageLayersCache(dir.resolve("cache/base"))
            .setApplicationLayersCache(dir.resolve("cache/app")));
  }

  record Manifest(String digest, JsonNode json) {
    List<String> layers() {
      List<String> out = new ArrayList<>();
      json.get("layers").forEach(l -> out.add(l.get("digest").asText()));
      return out;
    }
  }

  /** The manifest of {@code repo:tag}, read with the registry API, and its digest as the registry states it. */
  private static Manifest manifest(String repo, String tag) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://"
        + REGISTRY.host() + "/v2/" + repo + "/manifests/" + tag)).header("Accept", ACCEPT).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    String digest = r.headers().firstValue("Docker-Content-Digest").orElseThrow();
    assertThat(digest).as("the digest is the manifest's").isEqualTo(sha256(r.body()));
    return new Manifest(digest, JSON.readTree(r.body()));
  }

  private static JsonNode config(String repo, Manifest m) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://"
        + REGISTRY.host() + "/v2/" + repo + "/blobs/" + m.json().get("config").get("digest").asText())).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    return JSON.readTree(r.body());
  }

  static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void anImageIsMirroredLayerForLayer() throws Exception {
    JibContainer source = build("source/app:1");
    Manifest original = manifest("source/app", "1");
    assertThat(original.layers()).hasSize(2);

    Images.Pushed pushed = images().mirror(REGISTRY.host() + "/source/app:1", registry(), "mirror/app:1");
    Manifest copy = manifest("mirror/app", "1");
    assertThat(pushed.digest()).as("what mirror says is what the registry holds").isEqualTo(copy.digest());
    assertThat(pushed.image()).isEqualTo(REGISTRY.host() + "/mirror/app:1");
    assertThat(copy.layers()).as("the same layers, blob for blob").isEqualTo(original.layers());
    assertThat(config("mirror/app", copy).get("rootfs").get("diff_ids"))
        .isEqualTo(config("source/app", original).get("rootfs").get("diff_ids"));
    assertThat(pushed.imageId()).as("Jib keeps the image as it is: the same config").isEqualTo(
        source.getImageId().toString());
    System.out.println("ImagesTest mirror: " + REGISTRY.host() + "/source/app:1 " + original.digest() + " -> "
        + pushed.image() + "@" + pushed.digest() + ", layers " + copy.layers());
  }

  /** A tarball as docker save writes one: manifest.json, the config, and uncompressed layer tars. */
  private Path dockerSave() throws Exception {
    byte[] layer = tar("srv/hello.txt", "hello from a docker save tarball\n".getBytes(StandardCharsets.UTF_8));
    String diffId = sha256(layer);
    String config = """
        {"architecture":"amd64","os":"linux","config":{"Entrypoint":["/bin/sh"]},
         "rootfs":{"type":"layers","diff_ids":["%s"]},"history":[{"created_by":"test"}]}
        """.formatted(diffId);
    String configName = sha256(config.getBytes(StandardCharsets.UTF_8)).substring(7) + ".json";
    String manifest = "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"app:2\"],\"Layers\":[\"layer1/layer.tar\"]}]";
    Path tarball = dir.resolve("app.tar");
    try (OutputStream out = Files.newOutputStream(tarball)) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.write(entry("manifest.json", manifest.getBytes(StandardCharsets.UTF_8)));
      all.write(entry(configName, config.getBytes(StandardCharsets.UTF_8)));
      all.write(entry("layer1/layer.tar", layer));
      all.write(new byte[1024]);
      out.write(all.toByteArray());
    }
    return tarball;
  }

  private static byte[] tar(String name, byte[] content) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(entry(name, content));
    out.write(new byte[1024]);
    return out.toByteArray();
  }

  /** One ustar entry: a 512-byte header and the content padded to 512. */
  private static byte[] entry(String name, byte[] content) throws Exception {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, String.format("%011o", 0));
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    header[155] = ' ';
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header);
    out.write(content);
    out.write(new byte[(512 - content.length % 512) % 512]);
    return out.toByteArray();
  }

  private static void put(byte[] header, int at, String value) {
    byte[] b = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, header, at, b.length);
  }

  @Test
  void aDockerSaveTarballIsPushedWithItsLayers() throws Exception {
    Path tarball = dockerSave();
    Images.Pushed pushed = images().push(tarball, registry(), "pushed/app:2");
    Manifest m = manifest("pushed/app", "2");
    assertThat(pushed.digest()).isEqualTo(m.digest());
    assertThat(m.layers()).hasSize(1);
    byte[] layer = tar("srv/hello.txt", "hello from a docker save tarball\n".getBytes(StandardCharsets.UTF_8));
    assertThat(config("pushed/app", m).get("rootfs").get("diff_ids").get(0).asText())
        .as("the layer's content digest, as the tarball's config lists it").isEqualTo(sha256(layer));
    System.out.println("ImagesTest push: " + tarball.getFileName() + " -> " + pushed.image() + "@" + pushed.digest()
        + ", layer diff_id " + sha256(layer));
  }

  @Test
  void aMissingTarballOrABadTargetSaysSo() {
    assertThatThrownBy(() -> images().push(dir.resolve("none.tar"), registry(), "x/app:1"))
        .isInstanceOf(CruddurException.class).hasMessageContaining("no such file");
    assertThatThrownBy(() -> images().mirror(REGISTRY.host() + "/source/app:1", registry(), "Not:A:Repo"))
        .isInstanceOf(CruddurException.class).hasMessageContaining("is not REPOSITORY:TAG");
    assertThatThrownBy(() -> images().mirror(REGISTRY.host() + "/nothing/here:1", registry(), "x/app:1"))
        .isInstanceOf(CruddurException.class).hasMessageContaining("cannot copy");
  }
}
