package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads of {@link EcrPort}: what planning may call. A view of this type can only read, so a plan cannot
 * change anything by construction.
 */
public interface EcrReads {
  Optional<EcrPort.Repository> findRepository(String name);

  List<EcrPort.Repository> listRepositories();

  /**
   * The tags of the images in a repository, sorted.
   *
   * @throws CloudException.NotFound if the repository does not exist
   */
  List<String> imageTags(String repository);
}
