package io.cruddur.aws;

import io.cruddur.port.CloudException;
import io.cruddur.port.LogsPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

final class AwsLogs implements LogsPort {
  private final CloudWatchLogsClient logs;
  private final Calls calls;

  AwsLogs(CloudWatchLogsClient logs, Calls calls) {
    this.logs = logs;
    this.calls = calls;
  }

  private static String arn(software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup g) {
    String arn = g.logGroupArn() != null ? g.logGroupArn() : g.arn();
    return arn != null && arn.endsWith(":*") ? arn.substring(0, arn.length() - 2) : arn;
  }

  private LogGroup view(software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup g) {
    String arn = arn(g);
    Map<String, String> tags = calls.read("logs:ListTagsForResource",
        () -> logs.listTagsForResource(b -> b.resourceArn(arn)).tags());
    return new LogGroup(g.logGroupName(), arn, g.retentionInDays(), Map.copyOf(tags));
  }

  @Override
  public LogGroup createLogGroup(String name, Map<String, String> tags) {
    calls.create("logs:CreateLogGroup", () -> logs.createLogGroup(b -> b.logGroupName(name).tags(tags)));
    return findLogGroup(name).orElseThrow(() -> new CloudException.NotYetConsistent("log group " + name
        + " not visible yet"));
  }

  @Override
  public void putRetention(String name, int days) {
    calls.write("logs:PutRetentionPolicy", () -> logs.putRetentionPolicy(b -> b.logGroupName(name)
        .retentionInDays(days)));
  }

  @Override
  public Optional<LogGroup> findLogGroup(String name) {
    return calls.read("logs:DescribeLogGroups", () -> logs.describeLogGroups(b -> b.logGroupNamePrefix(name))
        .logGroups().stream().filter(g -> g.logGroupName().equals(name)).findFirst()).map(this::view);
  }

  @Override
  public List<LogGroup> listLogGroups() {
    return calls.read("logs:DescribeLogGroups", () -> logs.describeLogGroupsPaginator(b -> {}).logGroups().stream()
        .toList()).stream().map(this::view).toList();
  }

  @Override
  public void deleteLogGroup(String name) {
    calls.write("logs:DeleteLogGroup", () -> logs.deleteLogGroup(b -> b.logGroupName(name)));
  }
}
