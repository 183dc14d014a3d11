package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Amazon ECR repositories. */
public interface EcrPort extends EcrReads {
  record Repository(String name, String arn, String uri, boolean immutableTags, boolean scanOnPush, int imageCount,
      Map<String, String> tags) {}

  /** @throws CloudException.Conflict if a repository of that name exists */
  Repository createRepository(String name, boolean immutableTags, boolean scanOnPush, Map<String, String> tags);

  /** @throws CloudException.NotFound if absent */
  void updateRepository(String name, boolean immutableTags, boolean scanOnPush);

  /** @throws CloudException.InUse if it holds images and {@code force} is false */
  void deleteRepository(String name, boolean force);
}
