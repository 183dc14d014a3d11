package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SSM Parameter Store. Secrets are read for metadata only: Cruddur never reads a SecureString's value. The one kind
 * of parameter whose value it reads and writes is its own plain {@code String} records under
 * {@code /cruddur/}, such as a stack's lease (see {@code io.cruddur.lease.ParameterLeases}); they hold no secret.
 */
public interface SsmPort extends SsmReads {
  record Parameter(String name, String arn, String type, long version) {}

  /**
   * Creates a {@code String} parameter only if no parameter of that name exists (PutParameter without Overwrite,
   * tagged): true if this call created it, false if one existed (ParameterAlreadyExists). A lost response makes a
   * retried create answer false although the first one took effect: callers tell by the value they read back.
   */
  boolean createString(String name, String value, Map<String, String> tags);

  /** Overwrites the value of a {@code String} parameter (PutParameter with Overwrite). */
  void overwriteString(String name, String value);

  /** The value of a {@code String} parameter (GetParameter), empty if there is none. Never for a SecureString. */
  Optional<String> getString(String name);

  /** The names of the parameters under {@code path} (GetParametersByPath, recursive), sorted. */
  List<String> namesUnder(String path);

  /** Deletes a parameter (DeleteParameter). @throws CloudException.NotFound if there is none */
  void deleteParameter(String name);
}
