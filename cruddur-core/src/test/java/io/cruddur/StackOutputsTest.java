package io.cruddur;

import static org.assertj.core.api.Assertions.assertThat;

import io.cruddur.memory.InMemoryCloud;
import org.junit.jupiter.api.Test;

class StackOutputsTest {
  @Test
  void aDeployedStackOffersItsUrlsDnsNameNameServersRepositoriesAndArns() throws Exception {
    InMemoryCloud cloud = TestStacks.cloud();
    Cruddur cruddur = Cruddur.with(cloud);
    StackOutputs before = cruddur.outputs(TestStacks.shop());
    assertThat(before.arns()).isEmpty();
    assertThat(before.notDeployed()).isPositive();
    assertThat(before.toText()).contains("do not exist yet: apply the stack");

    assertThat(cruddur.apply(TestStacks.shop()).succeeded()).isTrue();
    StackOutputs o = cruddur.outputs(TestStacks.shop());
    var lb = cloud.elb().findLoadBalancer("shop-alb").orElseThrow();
    assertThat(o.urls()).containsExactly("https://shop.example.org/", "https://api.shop.example.org/");
    assertThat(o.loadBalancerDnsName()).contains(lb.dnsName());
    assertThat(o.nameServers()).hasSize(4)
        .isEqualTo(cloud.route53().findHostedZone("shop.example.org").orElseThrow().nameServers());
    assertThat(o.repositoryUris().keySet()).as("sorted").containsExactly("api", "web");
    assertThat(o.repositoryUris())
        .containsEntry("api", "000000000000.dkr.ecr.us-east-1.amazonaws.com/api");
    assertThat(o.arns()).containsEntry("elb.load-balancer shop-alb", lb.arn())
        .containsKey("ecs.cluster shop").containsKey("ecs.service shop/api")
        .containsKey("iam.role shop-execution-role").containsKey("acm.certificate shop.example.org, *.shop.example.org");
    assertThat(o.notDeployed()).isZero();
    assertThat(o.toText()).contains("url            https://api.shop.example.org/")
        .contains("name servers   ").contains("(set them at the domain's registrar)");
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(o.toJson());
    assertThat(json.get("loadBalancerDnsName").asText()).isEqualTo(lb.dnsName());
    assertThat(json.get("urls")).hasSize(2);
    assertThat(json.get("notDeployed").asInt()).isZero();
  }
}
