package io.cruddur.memory;

import io.cruddur.port.CloudException;
import io.cruddur.port.EcrPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class MemEcr implements EcrPort {
  private final InMemoryCloud c;

  MemEcr(InMemoryCloud c) {
    this.c = c;
  }

  @Override
  public Repository createRepository(String name, boolean immutableTags, boolean scanOnPush,
      Map<String, String> tags) {
    return c.op("ecr", "CreateRepository", name, true, () -> {
      if (c.state.repositories.containsKey(name)) {
        throw new CloudException.Conflict("RepositoryAlreadyExistsException: repository " + name + " exists");
      }
      String uri = c.state.accountId + ".dkr.ecr." + c.state.region + ".amazonaws.com/" + name;
      Repository r = new Repository(name, c.arn("ecr", "repository/" + name), uri, immutableTags, scanOnPush,
          InMemoryCloud.copy(tags));
      c.state.repositories.put(name, r);
      c.state.images.put(name, new java.util.ArrayList<>());
      c.seededTags(name).forEach(tag -> push(name, tag));
      return c.state.repositories.get(name);
    });
  }

  /** A fresh credential each time, as ECR hands out; the in-memory cloud runs no registry to use it with. */
  @Override
  public Authorization authorization() {
    return c.op("ecr", "GetAuthorizationToken", "", false, () -> new Authorization("AWS",
        java.util.UUID.randomUUID().toString(), "https://" + c.accountId() + ".dkr.ecr." + c.region()
            + ".amazonaws.com", c.clock().now().plus(java.time.Duration.ofHours(12))));
  }

  @Override
  public Optional<Repository> findRepository(String name) {
    return c.op("ecr", "DescribeRepositories", name, false,
        () -> Optional.ofNullable(c.state.repositories.get(name)));
  }

  @Override
  public List<Repository> listRepositories() {
    return c.op("ecr", "DescribeRepositories", null, false, () -> List.copyOf(c.state.repositories.values()));
  }

  @Override
  public void updateRepository(String name, boolean immutableTags, boolean scanOnPush) {
    c.opv("ecr", "PutImageTagMutability", name, () -> {
      Repository r = require(name);
      c.state.repositories.put(name, new Repository(name, r.arn(), r.uri(), immutableTags, scanOnPush, r.tags()));
    });
  }

  @Override
  public void deleteRepository(String name, boolean force) {
    c.opv("ecr", "DeleteRepository", name, () -> {
      require(name);
      int images = imageCount(name);
      if (images > 0 && !force) {
        throw new CloudException.InUse("RepositoryNotEmptyException: repository " + name + " holds "
            + images + " images");
      }
      c.state.repositories.remove(name);
      c.state.images.remove(name);
    });
  }

  @Override
  public List<String> imageTags(String repository) {
    return c.op("ecr", "ListImages", repository, false, () -> {
      require(repository);
      return List.copyOf(c.state.images.getOrDefault(repository, List.of()));
    });
  }

  /** Pushes a generated image under {@code tag}: a tag that moves leaves the image count as it is. */
  void push(String repository, String tag) {
    c.op("ecr", "PutImage", repository + ":" + tag, true, () -> {
      Repository r = require(repository);
      if (r.immutableTags() && c.state.images.getOrDefault(repository, List.of()).contains(tag)) {
        throw new CloudException.Conflict("ImageTagAlreadyExistsException: the image tag '" + tag
            + "' already exists in the '" + repository + "' repository and cannot be overwritten because the "
            + "tag is immutable");
      }
      java.util.TreeSet<String> tags = new java.util.TreeSet<>(c.state.images.getOrDefault(repository, List.of()));
      tags.add(tag);
      c.state.images.put(repository, new java.util.ArrayList<>(tags));
      return null;
    });
  }

  /** How many images {@code repository} holds: one per tag, since a tag that moves leaves no image behind here. */
  int imageCount(String repository) {
    return c.state.images.getOrDefault(repository, List.of()).size();
  }

  /** Whether {@code repository} holds an image tagged {@code tag}. */
  boolean hasImage(String repository, String tag) {
    return c.state.images.getOrDefault(repository, List.of()).contains(tag);
  }

  private Repository require(String name) {
    Repository r = c.state.repositories.get(name);
    if (r == null) {
      throw new CloudException.NotFound("RepositoryNotFoundException: repository " + name + " does not exist");
    }
    return r;
  }
}
