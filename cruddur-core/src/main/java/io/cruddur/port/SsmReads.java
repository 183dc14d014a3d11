package io.cruddur.port;

import java.util.Optional;

/**
 * The reads of {@link SsmPort}: what planning may call. A view of this type can only read, so a plan cannot
 * change anything by construction.
 */
public interface SsmReads {
  Optional<SsmPort.Parameter> describeParameter(String name);
}
