package io.cruddur.spec;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A container image: either a repository declared in the stack (ECR, resolved to its URI at plan time) or a
 * full image reference such as {@code public.ecr.aws/xray/aws-xray-daemon:3.3.14}.
 *
 * <ul><li>tag: {@code latest}</li></ul>
 */
@Value.Immutable
public abstract class Image {
  /** Name of an ECR repository declared in the stack. */
  public abstract Optional<String> repository();

  /** A full image reference outside the stack's repositories; includes its tag or digest. */
  public abstract Optional<String> reference();

  @Value.Default
  public String tag() {
    return "latest";
  }

  /** An image from the stack's ECR repository {@code repository}. */
  public static Image ecr(String repository) {
    return ImmutableImage.builder().repository(repository).build();
  }

  /** An image from the stack's ECR repository {@code repository} at {@code tag}. */
  public static Image ecr(String repository, String tag) {
    return ImmutableImage.builder().repository(repository).tag(tag).build();
  }

  /** A full image reference, used as is. */
  public static Image of(String reference) {
    return ImmutableImage.builder().reference(reference).build();
  }

  /** The same image at another tag. */
  public Image tag(String tag) {
    return ImmutableImage.builder().from(this).tag(tag).build();
  }

  /** The image reference for a registry, e.g. {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com}. */
  public String resolve(String registry) {
    return reference().orElseGet(() -> registry + "/" + repository().orElseThrow() + ":" + tag());
  }

  @Override
  public String toString() {
    return reference().orElseGet(() -> "ecr:" + repository().orElse("?") + ":" + tag());
  }
}
