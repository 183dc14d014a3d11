package io.cruddur.aws;

import io.cruddur.port.CloudException;
import io.cruddur.port.EcrPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.Tag;

final class AwsEcr implements EcrPort {
  private final Supplier<EcrClient> ecr;
  private final Calls calls;

  AwsEcr(Supplier<EcrClient> ecr, Calls calls) {
    this.ecr = ecr;
    this.calls = calls;
  }

  private Repository view(software.amazon.awssdk.services.ecr.model.Repository r) {
    Map<String, String> tags = calls.read("ecr:ListTagsForResource", () -> ecr.get().listTagsForResource(b -> b
        .resourceArn(r.repositoryArn())).tags().stream().collect(Collectors.toMap(Tag::key, Tag::value)));
    return new Repository(r.repositoryName(), r.repositoryArn(), r.repositoryUri(),
        r.imageTagMutability() == ImageTagMutability.IMMUTABLE,
        r.imageScanningConfiguration() != null && Boolean.TRUE.equals(r.imageScanningConfiguration().scanOnPush()),
        tags);
  }

  @Override
  public Repository createRepository(String name, boolean immutableTags, boolean scanOnPush,
      Map<String, String> tags) {
    var r = calls.create("ecr:CreateRepository", () -> ecr.get().createRepository(b -> b.repositoryName(name)
        .imageTagMutability(immutableTags ? ImageTagMutability.IMMUTABLE : ImageTagMutability.MUTABLE)
        .imageScanningConfiguration(s -> s.scanOnPush(scanOnPush))
        .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
            .toList())).repository());
    return new Repository(r.repositoryName(), r.repositoryArn(), r.repositoryUri(), immutableTags, scanOnPush,
        Map.copyOf(tags));
  }

  @Override
  public Authorization authorization() {
    var data = calls.read("ecr:GetAuthorizationToken", () -> ecr.get().getAuthorizationToken().authorizationData())
        .get(0);
    String decoded = new String(java.util.Base64.getDecoder().decode(data.authorizationToken()),
        java.nio.charset.StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    return new Authorization(decoded.substring(0, colon), decoded.substring(colon + 1), data.proxyEndpoint(),
        data.expiresAt());
  }

  @Override
  public Optional<Repository> findRepository(String name) {
    try {
      return calls.read("ecr:DescribeRepositories", () -> ecr.get().describeRepositories(b -> b.repositoryNames(name))
          .repositories().stream().findFirst()).map(this::view);
    } catch (CloudException.NotFound e) {
      return Optional.empty();
    }
  }

  @Override
  public List<Repository> listRepositories() {
    List<Repository> out = new ArrayList<>();
    calls.read("ecr:DescribeRepositories", () -> ecr.get().describeRepositoriesPaginator(b -> {}).repositories()
        .stream().toList()).forEach(r -> out.add(view(r)));
    return out;
  }

  @Override
  public List<String> imageTags(String repository) {
    return calls.read("ecr:ListImages", () -> ecr.get().listImagesPaginator(b -> b.repositoryName(repository)
        .filter(f -> f.tagStatus(software.amazon.awssdk.services.ecr.model.TagStatus.TAGGED))).imageIds().stream()
        .map(software.amazon.awssdk.services.ecr.model.ImageIdentifier::imageTag)
        .filter(java.util.Objects::nonNull).distinct().sorted().toList());
  }

  @Override
  public void updateRepository(String name, boolean immutableTags, boolean scanOnPush) {
    calls.write("ecr:PutImageTagMutability", () -> ecr.get().putImageTagMutability(b -> b.repositoryName(name)
        .imageTagMutability(immutableTags ? ImageTagMutability.IMMUTABLE : ImageTagMutability.MUTABLE)));
    calls.write("ecr:PutImageScanningConfiguration", () -> ecr.get().putImageScanningConfiguration(b -> b
        .repositoryName(name).imageScanningConfiguration(s -> s.scanOnPush(scanOnPush))));
  }

  @Override
  public void deleteRepository(String name, boolean force) {
    calls.write("ecr:DeleteRepository", () -> ecr.get().deleteRepository(b -> b.repositoryName(name).force(force)));
  }
}
