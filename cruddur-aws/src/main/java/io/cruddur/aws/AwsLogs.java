package io.cruddur.aws;

import io.cruddur.port.CloudException;
import io.cruddur.port.LogsPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

final class AwsLogs implements LogsPort {
  private final Supplier<CloudWatchLogsClient> logs;
  private final Calls calls;

  AwsLogs(Supplier<CloudWatchLogsClient> logs, Calls calls) {
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
        () -> logs.get().listTagsForResource(b -> b.resourceArn(arn)).tags());
    return new LogGroup(g.logGroupName(), arn, g.retentionInDays(), Map.copyOf(tags));
  }

  @Override
  public LogGroup createLogGroup(String name, Map<String, String> tags) {
    calls.create("logs:CreateLogGroup", () -> logs.get().createLogGroup(b -> b.logGroupName(name).tags(tags)));
    return findLogGroup(name).orElseThrow(() -> new CloudException.NotYetConsistent("log group " + name
        + " not visible yet"));
  }

  @Override
  public void putRetention(String name, int days) {
    calls.write("logs:PutRetentionPolicy", () -> logs.get().putRetentionPolicy(b -> b.logGroupName(name)
        .retentionInDays(days)));
  }

  @Override
  public Optional<LogGroup> findLogGroup(String name) {
    return calls.read("logs:DescribeLogGroups", () -> logs.get().describeLogGroups(b -> b.logGroupNamePrefix(name))
        .logGroups().stream().filter(g -> g.logGroupName().equals(name)).findFirst()).map(this::view);
  }

  @Override
  public List<LogGroup> listLogGroups() {
    return calls.read("logs:DescribeLogGroups", () -> logs.get().describeLogGroupsPaginator(b -> {}).logGroups()
        .stream().toList()).stream().map(this::view).toList();
  }

  @Override
  public List<LogEvent> events(String group, String streamPrefix, long fromMillis, int limit) {
    List<LogEvent> out = new java.util.ArrayList<>();
    String token = null;
    do {
      String next = token;
      var page = calls.read("logs:FilterLogEvents", () -> logs.get().filterLogEvents(b -> {
        b.logGroupName(group).startTime(fromMillis).nextToken(next).limit(Math.min(limit, 10_000));
        if (!streamPrefix.isEmpty()) {
          b.logStreamNamePrefix(streamPrefix);
        }
      }));
      // Filtered again: moto 5.2.5 ignores logStreamNamePrefix and returns every stream's events.
      page.events().stream().filter(e -> e.logStreamName() != null && e.logStreamName().startsWith(streamPrefix))
          .forEach(e -> out.add(new LogEvent(e.timestamp(), e.logStreamName(), e.message(), e.eventId())));
      token = page.nextToken();
    } while (token != null && out.size() < limit);
    // FilterLogEvents interleaves by time within a page; sort across pages too (stable, so ties keep their order).
    out.sort(java.util.Comparator.comparingLong(LogEvent::timestamp));
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  @Override
  public void putLogEvents(String group, String stream, List<LogMessage> messages) {
    try {
      calls.write("logs:CreateLogStream", () -> logs.get().createLogStream(b -> b.logGroupName(group)
          .logStreamName(stream)));
    } catch (CloudException.Conflict e) {
      // The stream exists: write to it.
    }
    calls.write("logs:PutLogEvents", () -> logs.get().putLogEvents(b -> b.logGroupName(group).logStreamName(stream)
        .logEvents(messages.stream().map(m -> software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent
            .builder().timestamp(m.timestamp()).message(m.message()).build()).toList())));
  }

  @Override
  public void deleteLogGroup(String name) {
    calls.write("logs:DeleteLogGroup", () -> logs.get().deleteLogGroup(b -> b.logGroupName(name)));
  }
}
