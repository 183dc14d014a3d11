package io.cruddur.spec;

import io.cruddur.base.Arn;

/**
 * A reference to a secret held in SSM Parameter Store (a SecureString), by parameter name or ARN. The value is
 * never read by Cruddur: ECS injects it into the container at start.
 */
public final class Secret {
  private final String reference;

  private Secret(String reference) {
    this.reference = reference;
  }

  /**
   * An SSM parameter by name ({@code /cruddur/backend-flask/CONNECTION_URL}) or full ARN.
   *
   * @throws InvalidSpecException if {@code nameOrArn} is null (a name or ARN that breaks SSM's rules is reported by
   *     the stack's {@code build()}, with the secret's path)
   */
  public static Secret ssm(String nameOrArn) {
    if (nameOrArn == null) {
      throw new InvalidSpecException(java.util.List.of(new Problem("secret", "needs an SSM parameter name or ARN, "
          + "not null")));
    }
    return new Secret(nameOrArn);
  }

  public String reference() {
    return reference;
  }

  public boolean isArn() {
    return reference.startsWith("arn:");
  }

  /** The parameter's name: the reference itself, or the name an ARN stands for ({@link Arn#parameterName}). */
  public String parameterName() {
    return Arn.parameterName(reference);
  }

  /** The parameter ARN in an account and region (a name is turned into an ARN; an ARN is returned as is). */
  public Arn arn(String partition, String region, String account) {
    if (isArn()) {
      return Arn.parse(reference);
    }
    String path = reference.startsWith("/") ? reference.substring(1) : reference;
    return Arn.of(partition, "ssm", region, account, "parameter/" + path);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.reference.equals(reference);
  }

  @Override
  public int hashCode() {
    return reference.hashCode();
  }

  @Override
  public String toString() {
    return "ssm:" + reference;
  }
}
