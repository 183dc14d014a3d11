package io.cruddur.base;

/** The tags Cruddur puts on what it creates, and the AWS limits they count against. */
public final class Tags {
  /** The tag key that marks ownership: {@code cruddur:stack=<stack name>}. */
  public static final String OWNER = "cruddur:stack";

  /** Tags one AWS resource may carry (ECS, ELB, IAM, ECR, Logs, ACM, Route 53, EC2 and Cloud Map alike). */
  public static final int MAX_PER_RESOURCE = 50;

  private Tags() {}
}
