package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Amazon ECR repositories. */
public interface EcrPort extends EcrReads {
  /** A repository; its images are read apart ({@link #imageTags}), as DescribeRepositories does not count them. */
  record Repository(String name, String arn, String uri, boolean immutableTags, boolean scanOnPush,
      Map<String, String> tags) {}

  /** @throws CloudException.Conflict if a repository of that name exists */
  /**
   * A credential for the account's registry (GetAuthorizationToken): {@code docker login --username USERNAME
   * --password-stdin ENDPOINT}, valid until {@code expiresAt}. Its {@code toString()} leaves the password out.
   */
  record Authorization(String username, String password, String endpoint, java.time.Instant expiresAt) {
    @Override
    public String toString() {
      return "Authorization[username=" + username + ", endpoint=" + endpoint + ", expiresAt=" + expiresAt + "]";
    }
  }

  /** A credential for pushing to and pulling from the account's registry (valid for 12 hours on AWS). */
  Authorization authorization();

  Repository createRepository(String name, boolean immutableTags, boolean scanOnPush, Map<String, String> tags);

  /** @throws CloudException.NotFound if absent */
  void updateRepository(String name, boolean immutableTags, boolean scanOnPush);

  /** @throws CloudException.InUse if it holds images and {@code force} is false */
  void deleteRepository(String name, boolean force);
}
