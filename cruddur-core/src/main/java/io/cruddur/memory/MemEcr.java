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
      Repository r = new Repository(name, c.arn("ecr", "repository/" + name), uri, immutableTags, scanOnPush, 0,
          InMemoryCloud.copy(tags));
      c.state.repositories.put(name, r);
      return r;
    });
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
      c.state.repositories.put(name, new Repository(name, r.arn(), r.uri(), immutableTags, scanOnPush,
          r.imageCount(), r.tags()));
    });
  }

  @Override
  public void deleteRepository(String name, boolean force) {
    c.opv("ecr", "DeleteRepository", name, () -> {
      Repository r = require(name);
      if (r.imageCount() > 0 && !force) {
        throw new CloudException.InUse("RepositoryNotEmptyException: repository " + name + " holds "
            + r.imageCount() + " images");
      }
      c.state.repositories.remove(name);
    });
  }

  private Repository require(String name) {
    Repository r = c.state.repositories.get(name);
    if (r == null) {
      throw new CloudException.NotFound("RepositoryNotFoundException: repository " + name + " does not exist");
    }
    return r;
  }
}
