"""Prepares a fresh moto server the same way for each contender of bench/run: one read per AWS service the
reference app uses (moto loads a service's backend on its first call, which would otherwise be charged to whoever
calls first), then the five SecureString parameters of the reference app's secrets, which both ways need before they
deploy (docs/cookbook.md, step 2).

    .venv/bin/python bench/moto_prep.py http://127.0.0.1:PORT [--no-secrets]
"""
import sys

import boto3

endpoint = sys.argv[1]
if not endpoint.startswith("http://127.0.0.1:"):
    sys.exit(f"moto_prep.py: refusing endpoint {endpoint} (only http://127.0.0.1:PORT)")
kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing",
          aws_secret_access_key="testing")
reads = [
    ("sts", "get_caller_identity", {}),
    ("ec2", "describe_vpcs", {}),
    ("ecs", "list_clusters", {}),
    ("ecr", "describe_repositories", {}),
    ("elbv2", "describe_load_balancers", {}),
    ("route53", "list_hosted_zones", {}),
    ("acm", "list_certificates", {}),
    ("iam", "list_roles", {}),
    ("logs", "describe_log_groups", {}),
    ("servicediscovery", "list_namespaces", {}),
    ("ssm", "describe_parameters", {}),
    ("application-autoscaling", "describe_scalable_targets", {"ServiceNamespace": "ecs"}),
]
for service, operation, args in reads:
    getattr(boto3.client(service, **kw), operation)(**args)
if "--no-secrets" not in sys.argv:
    ssm = boto3.client("ssm", **kw)
    for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "CONNECTION_URL", "ROLLBAR_ACCESS_TOKEN",
                 "OTEL_EXPORTER_OTLP_HEADERS"]:
        ssm.put_parameter(Name="/cruddur/backend-flask/" + name, Type="SecureString", Value="bench-" + name)
