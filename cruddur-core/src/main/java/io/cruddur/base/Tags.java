package io.cruddur.base;

/** The tags Cruddur puts on what it creates, and the AWS limits they count against. */
public final class Tags {
  /** The tag key that marks ownership: {@code cruddur:stack=<stack name>}. */
  public static final String OWNER = "cruddur:stack";

  /**
   * The tag key a day-2 command ({@code scale}, {@code rollback}, {@code deploy --image}) puts on a service it
   * changed away from its stack's spec, saying what it did and when; the next apply of the spec removes it.
   */
  public static final String OVERRIDE = "cruddur:override";

  /** Tags one AWS resource may carry (ECS, ELB, IAM, ECR, Logs, ACM, Route 53, EC2 and Cloud Map alike). */
  public static final int MAX_PER_RESOURCE = 50;

  private Tags() {}
}
