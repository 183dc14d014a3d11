package io.cruddur.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The latency of one SDK call to an emulator, as the engine's calls see it (a warm JVM, one connection pool):
 * reads of three services and writes that change nothing the stack owns (a log group of its own, a tag on the
 * default VPC), one at a time; and apart, ACM's RequestCertificate, which the first deploy's longest chain starts
 * with and which an emulator answers far slower than other writes (moto generates a key pair for each). Not
 * thread-safe.
 */
final class Latencies {
  private Latencies() {}

  static Map<String, Object> measure(URI endpoint, int calls) {
    if (!"127.0.0.1".equals(endpoint.getHost())) {
      throw new IllegalArgumentException("only an emulator on 127.0.0.1: " + endpoint);
    }
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    try (CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(endpoint)
            .region(Region.US_EAST_1).credentialsProvider(credentials).build();
        Ec2Client ec2 = Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(credentials).build();
        EcsClient ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(credentials).build();
        AcmClient acm = AcmClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(credentials).build()) {
      logs.createLogGroup(b -> b.logGroupName("bench-latency"));
      String vpc = ec2.describeVpcs().vpcs().get(0).vpcId();
      List<Runnable> reads = List.of(
          () -> logs.describeLogGroups(b -> b.logGroupNamePrefix("bench-latency")),
          () -> ec2.describeSecurityGroups(b -> b.filters(Filter.builder().name("vpc-id").values(vpc).build())),
          () -> ecs.describeClusters(b -> b.clusters("bench-latency")));
      List<Runnable> writes = List.of(
          () -> logs.putRetentionPolicy(b -> b.logGroupName("bench-latency").retentionInDays(1)),
          () -> ec2.createTags(b -> b.resources(vpc).tags(Tag.builder().key("bench").value("latency").build())));
      // Warm-up: class loading, connections, and the emulator's first use of each service.
      time(reads, 3);
      time(writes, 3);
      List<Double> r = time(reads, calls);
      List<Double> w = time(writes, calls);
      logs.deleteLogGroup(b -> b.logGroupName("bench-latency"));
      List<Double> certificates = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        long t0 = System.nanoTime();
        String arn = acm.requestCertificate(b -> b.domainName("latency.bench.invalid").validationMethod("DNS"))
            .certificateArn();
        if (i > 0) { // the first one warms up
          certificates.add((System.nanoTime() - t0) / 1e6);
        }
        acm.deleteCertificate(b -> b.certificateArn(arn));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("calls", calls);
      m.put("readMeanMs", mean(r));
      m.put("readMedianMs", median(r));
      m.put("writeMeanMs", mean(w));
      m.put("writeMedianMs", median(w));
      m.put("requestCertificateMeanMs", mean(certificates));
      return m;
    }
  }

  private static List<Double> time(List<Runnable> kinds, int n) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Runnable call = kinds.get(i % kinds.size());
      long t0 = System.nanoTime();
      call.run();
      out.add((System.nanoTime() - t0) / 1e6);
    }
    return out;
  }

  private static double mean(List<Double> xs) {
    return round(xs.stream().mapToDouble(Double::doubleValue).average().orElse(0));
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return round(s.get(s.size() / 2));
  }

  private static double round(double x) {
    return Math.round(x * 10) / 10.0;
  }
}
