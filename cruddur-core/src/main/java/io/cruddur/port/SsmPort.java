package io.cruddur.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SSM Parameter Store. Secrets are read for metadata only: no port method returns a SecureString's value. Pushing
 * secrets writes SecureStrings, and asks whether one already holds a value (the comparison happens behind the port,
 * and the answer is a yes or no). The one kind of parameter whose value it reads is its own plain {@code String}
 * records under {@code /cruddur/}, such as a stack's lease (see {@code io.cruddur.lease.ParameterLeases}); they
 * hold no secret.
 */
public interface SsmPort extends SsmReads {
  /** @param keyId the KMS key of a SecureString (alias/aws/ssm when the account's), null for a String */
  record Parameter(String name, String arn, String type, long version, String keyId) {}

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

  /**
   * Creates a {@code SecureString} (PutParameter without Overwrite, tagged), encrypted with {@code kmsKeyId} (a key
   * id, ARN or alias), or with the account's {@code alias/aws/ssm} key when it is null.
   *
   * @throws CloudException.Conflict if a parameter of that name exists
   */
  void createSecureString(String name, String value, String kmsKeyId, Map<String, String> tags);

  /** Overwrites a {@code SecureString}'s value (PutParameter with Overwrite; tags stay), with that key. */
  void overwriteSecureString(String name, String value, String kmsKeyId);

  /**
   * Whether the {@code SecureString} {@code name} holds exactly {@code value}: empty if there is no such parameter.
   * The stored value is decrypted, compared and forgotten; it is never returned.
   *
   * @throws CloudException.Invalid if the parameter is not a SecureString
   */
  Optional<Boolean> secureStringHolds(String name, String value);

  /** A parameter's tags (ListTagsForResource); empty if it has none or does not exist. */
  Map<String, String> parameterTags(String name);

  /** Deletes a parameter (DeleteParameter). @throws CloudException.NotFound if there is none */
  void deleteParameter(String name);
}
