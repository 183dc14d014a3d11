#!/usr/bin/env bash
# The manual way: the reference app deployed with the AWS CLI, one command after the other, as the bootcamp does
# and as docs/cookbook.md writes it out (steps 0 and 3 to 12). Step 2 (the five SecureString parameters) is left to
# the caller, because Cruddur's apply needs those parameters too; step 5's docker commands are left out (no Docker
# here: the services are created with images that were never pushed, as `cruddur apply --allow-missing-images`
# does). Values the cookbook pastes by hand (the validation record, the ARNs) are taken from the outputs of the
# commands before, as a careful person would.
#
#   bench/manual-deploy.sh http://127.0.0.1:PORT
#
# Needs `aws` (AWS CLI v1) on PATH and credentials in the environment. Prints at the end the number of `aws`
# commands it ran (`aws commands: N`), their time, and the three slowest.
set -euo pipefail
endpoint="${1:?usage: manual-deploy.sh ENDPOINT}"
case "$endpoint" in
  http://127.0.0.1:*) ;;
  *) echo "manual-deploy.sh: refusing endpoint $endpoint (only http://127.0.0.1:PORT)" >&2; exit 2 ;;
esac
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Counted and timed in a file: most commands run inside $(...), a subshell.
aws() {
  local t0 rc=0
  t0=$(date +%s%3N)
  command aws --endpoint-url "$endpoint" "$@" || rc=$?
  echo "$(( $(date +%s%3N) - t0 )) aws $1 $2" >> "$work/commands"
  return "$rc"
}

# 0. Account, region, default VPC
export AWS_DEFAULT_REGION=us-east-1
AWS_ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)
DOMAIN=cruddur.example.com
DEFAULT_VPC_ID=$(aws ec2 describe-vpcs --filters "Name=isDefault,Values=true" \
  --query "Vpcs[0].VpcId" --output text)
DEFAULT_SUBNET_IDS=$(aws ec2 describe-subnets \
  --filters "Name=vpc-id,Values=$DEFAULT_VPC_ID" "Name=default-for-az,Values=true" \
  --query 'Subnets[].SubnetId' --output text | tr '\t' ',')

# 3. Log group, 1 day
aws logs create-log-group --log-group-name cruddur
aws logs put-retention-policy --log-group-name cruddur --retention-in-days 1

# 4. Cluster with Container Insights and a Service Connect namespace
aws servicediscovery create-http-namespace --name cruddur >/dev/null
aws ecs create-cluster --cluster-name cruddur \
  --settings name=containerInsights,value=enabled \
  --service-connect-defaults namespace=cruddur >/dev/null

# 5. ECR repositories (the images are not pushed: no Docker here)
for repo in cruddur-python backend-flask frontend-react-js; do
  aws ecr create-repository --repository-name "$repo" --image-tag-mutability MUTABLE \
    --image-scanning-configuration scanOnPush=true >/dev/null
done
ECR=$AWS_ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com
aws ecr get-login-password >/dev/null

# 6. Execution role and task role
cat > "$work/ecs-tasks-trust.json" <<'EOF'
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
  "Principal": {"Service": "ecs-tasks.amazonaws.com"}}]}
EOF
cat > "$work/service-execution-policy.json" <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ssm:GetParameters", "ssm:GetParameter"],
  "Resource": "arn:aws:ssm:$AWS_DEFAULT_REGION:$AWS_ACCOUNT_ID:parameter/cruddur/backend-flask/*"}]}
EOF
cat > "$work/ssm-messages.json" <<'EOF'
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ssmmessages:CreateControlChannel",
  "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
  "Resource": "*"}]}
EOF
aws iam create-role --role-name CruddurServiceExecutionRole \
  --assume-role-policy-document "file://$work/ecs-tasks-trust.json" >/dev/null
aws iam put-role-policy --role-name CruddurServiceExecutionRole --policy-name CruddurServiceExecutionPolicy \
  --policy-document "file://$work/service-execution-policy.json"
aws iam attach-role-policy --role-name CruddurServiceExecutionRole \
  --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
aws iam create-role --role-name CruddurTaskRole \
  --assume-role-policy-document "file://$work/ecs-tasks-trust.json" >/dev/null
aws iam put-role-policy --role-name CruddurTaskRole --policy-name SSMAccessPolicy \
  --policy-document "file://$work/ssm-messages.json"
aws iam attach-role-policy --role-name CruddurTaskRole --policy-arn arn:aws:iam::aws:policy/CloudWatchFullAccess
aws iam attach-role-policy --role-name CruddurTaskRole --policy-arn arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess

# 7. Security groups
ALB_SG=$(aws ec2 create-security-group --group-name cruddur-alb-sg \
  --description "Cruddur: load balancer" --vpc-id "$DEFAULT_VPC_ID" --query GroupId --output text)
aws ec2 authorize-security-group-ingress --group-id "$ALB_SG" --protocol tcp --port 80 --cidr 0.0.0.0/0 >/dev/null
aws ec2 authorize-security-group-ingress --group-id "$ALB_SG" --protocol tcp --port 443 --cidr 0.0.0.0/0 >/dev/null
SRV_SG=$(aws ec2 create-security-group --group-name cruddur-srv-sg \
  --description "Cruddur: services" --vpc-id "$DEFAULT_VPC_ID" --query GroupId --output text)
aws ec2 authorize-security-group-ingress --group-id "$SRV_SG" --protocol tcp --port 4567 \
  --source-group "$ALB_SG" >/dev/null
aws ec2 authorize-security-group-ingress --group-id "$SRV_SG" --protocol tcp --port 3000 \
  --source-group "$ALB_SG" >/dev/null
DB_SG=$(aws ec2 create-security-group --group-name cruddur-db-sg \
  --description "Cruddur: PostgreSQL" --vpc-id "$DEFAULT_VPC_ID" --query GroupId --output text)
aws ec2 authorize-security-group-ingress --group-id "$DB_SG" --protocol tcp --port 5432 \
  --source-group "$SRV_SG" >/dev/null

# 8. Hosted zone, certificate for the domain and its wildcard, DNS validation
ZONE_ID=$(aws route53 create-hosted-zone --name "$DOMAIN" --caller-reference "cruddur-$(date +%s%N)" \
  --query 'HostedZone.Id' --output text)
CERT_ARN=$(aws acm request-certificate --domain-name "$DOMAIN" \
  --subject-alternative-names "*.$DOMAIN" --validation-method DNS \
  --query CertificateArn --output text)
read -r VALIDATION_NAME VALIDATION_VALUE < <(aws acm describe-certificate --certificate-arn "$CERT_ARN" \
  --query 'Certificate.DomainValidationOptions[0].ResourceRecord.[Name,Value]' --output text)
aws route53 change-resource-record-sets --hosted-zone-id "$ZONE_ID" --change-batch '{"Changes": [{
  "Action": "UPSERT", "ResourceRecordSet": {"Name": "'"$VALIDATION_NAME"'", "Type": "CNAME",
  "TTL": 300, "ResourceRecords": [{"Value": "'"$VALIDATION_VALUE"'"}]}}]}' >/dev/null
aws acm wait certificate-validated --certificate-arn "$CERT_ARN"

# 9. Load balancer, target groups, listeners (HTTP redirect, HTTPS), host rules
# shellcheck disable=SC2046 # one argument per subnet
ALB_ARN=$(aws elbv2 create-load-balancer --name cruddur-alb --type application --scheme internet-facing \
  --subnets $(echo "$DEFAULT_SUBNET_IDS" | tr ',' ' ') --security-groups "$ALB_SG" \
  --query 'LoadBalancers[0].LoadBalancerArn' --output text)
aws elbv2 wait load-balancer-available --load-balancer-arns "$ALB_ARN"
BACKEND_TG=$(aws elbv2 create-target-group --name cruddur-backend-flask --protocol HTTP --port 4567 \
  --target-type ip --vpc-id "$DEFAULT_VPC_ID" --health-check-path /api/health-check \
  --health-check-interval-seconds 15 --health-check-timeout-seconds 5 \
  --healthy-threshold-count 3 --unhealthy-threshold-count 3 --matcher HttpCode=200-399 \
  --query 'TargetGroups[0].TargetGroupArn' --output text)
FRONTEND_TG=$(aws elbv2 create-target-group --name cruddur-frontend-react-js --protocol HTTP --port 3000 \
  --target-type ip --vpc-id "$DEFAULT_VPC_ID" --health-check-path / \
  --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 modify-target-group-attributes --target-group-arn "$BACKEND_TG" \
  --attributes Key=deregistration_delay.timeout_seconds,Value=60 >/dev/null
aws elbv2 modify-target-group-attributes --target-group-arn "$FRONTEND_TG" \
  --attributes Key=deregistration_delay.timeout_seconds,Value=60 >/dev/null
aws elbv2 create-listener --load-balancer-arn "$ALB_ARN" --protocol HTTP --port 80 \
  --default-actions 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}' \
  --query 'Listeners[0].ListenerArn' --output text >/dev/null
HTTPS_LISTENER=$(aws elbv2 create-listener --load-balancer-arn "$ALB_ARN" --protocol HTTPS --port 443 \
  --certificates CertificateArn="$CERT_ARN" --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06 \
  --default-actions Type=forward,TargetGroupArn="$FRONTEND_TG" \
  --query 'Listeners[0].ListenerArn' --output text)
aws elbv2 create-rule --listener-arn "$HTTPS_LISTENER" --priority 10 \
  --conditions "Field=host-header,HostHeaderConfig={Values=[api.$DOMAIN]}" \
  --actions Type=forward,TargetGroupArn="$BACKEND_TG" --query 'Rules[0].RuleArn' --output text >/dev/null
aws elbv2 create-rule --listener-arn "$HTTPS_LISTENER" --priority 20 \
  --conditions "Field=host-header,HostHeaderConfig={Values=[$DOMAIN]}" \
  --actions Type=forward,TargetGroupArn="$FRONTEND_TG" --query 'Rules[0].RuleArn' --output text >/dev/null

# 10. Alias A records for the apex and api.
read -r ALB_DNS ALB_ZONE < <(aws elbv2 describe-load-balancers --load-balancer-arns "$ALB_ARN" \
  --query 'LoadBalancers[0].[DNSName,CanonicalHostedZoneId]' --output text)
aws route53 change-resource-record-sets --hosted-zone-id "$ZONE_ID" --change-batch '{"Changes": [
  {"Action": "UPSERT", "ResourceRecordSet": {"Name": "'$DOMAIN'", "Type": "A", "AliasTarget": {
    "HostedZoneId": "'"$ALB_ZONE"'", "DNSName": "'"$ALB_DNS"'", "EvaluateTargetHealth": false}}},
  {"Action": "UPSERT", "ResourceRecordSet": {"Name": "api.'$DOMAIN'", "Type": "A", "AliasTarget": {
    "HostedZoneId": "'"$ALB_ZONE"'", "DNSName": "'"$ALB_DNS"'", "EvaluateTargetHealth": false}}}]}' >/dev/null

# 11. Task definitions (the JSON files the bootcamp keeps in aws/task-definitions/, account and region filled in)
ssm_arn() { echo "arn:aws:ssm:$AWS_DEFAULT_REGION:$AWS_ACCOUNT_ID:parameter/cruddur/backend-flask/$1"; }
logs() {
  echo '{"logDriver": "awslogs", "options": {"awslogs-group": "cruddur", "awslogs-region": "'"$AWS_DEFAULT_REGION"'",
    "awslogs-stream-prefix": "'"$1"'"}}'
}
# task_definition FAMILY: the file for FAMILY, its container definitions read as JSON from standard input.
task_definition() {
  cat > "$work/$1.json" <<EOF
{"family": "$1",
 "executionRoleArn": "arn:aws:iam::$AWS_ACCOUNT_ID:role/CruddurServiceExecutionRole",
 "taskRoleArn": "arn:aws:iam::$AWS_ACCOUNT_ID:role/CruddurTaskRole",
 "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
 "containerDefinitions": $(cat)}
EOF
}
task_definition backend-flask <<EOF
[{"name": "backend-flask", "image": "$ECR/backend-flask:latest", "essential": true,
  "healthCheck": {"command": ["CMD-SHELL", "python /backend-flask/bin/health-check"],
    "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 60},
  "portMappings": [{"name": "backend-flask", "containerPort": 4567, "protocol": "tcp", "appProtocol": "http"}],
  "environment": [
    {"name": "OTEL_SERVICE_NAME", "value": "backend-flask"},
    {"name": "OTEL_EXPORTER_OTLP_ENDPOINT", "value": "https://api.honeycomb.io"},
    {"name": "AWS_XRAY_URL", "value": "*api.$DOMAIN*"},
    {"name": "AWS_XRAY_DAEMON_ADDRESS", "value": "localhost:2000"},
    {"name": "FRONTEND_URL", "value": "https://$DOMAIN"},
    {"name": "BACKEND_URL", "value": "https://api.$DOMAIN"}],
  "secrets": [
    {"name": "AWS_ACCESS_KEY_ID", "valueFrom": "$(ssm_arn AWS_ACCESS_KEY_ID)"},
    {"name": "AWS_SECRET_ACCESS_KEY", "valueFrom": "$(ssm_arn AWS_SECRET_ACCESS_KEY)"},
    {"name": "CONNECTION_URL", "valueFrom": "$(ssm_arn CONNECTION_URL)"},
    {"name": "ROLLBAR_ACCESS_TOKEN", "valueFrom": "$(ssm_arn ROLLBAR_ACCESS_TOKEN)"},
    {"name": "OTEL_EXPORTER_OTLP_HEADERS", "valueFrom": "$(ssm_arn OTEL_EXPORTER_OTLP_HEADERS)"}],
  "logConfiguration": $(logs backend-flask)},
 {"name": "xray", "image": "public.ecr.aws/xray/aws-xray-daemon:3.3.14", "essential": false,
  "memoryReservation": 32,
  "portMappings": [{"name": "xray", "containerPort": 2000, "protocol": "udp"}],
  "logConfiguration": $(logs backend-flask-xray)}]
EOF
task_definition frontend-react-js <<EOF
[{"name": "frontend-react-js", "image": "$ECR/frontend-react-js:latest", "essential": true,
  "portMappings": [{"name": "frontend-react-js", "containerPort": 3000, "protocol": "tcp", "appProtocol": "http"}],
  "logConfiguration": $(logs frontend-react-js)}]
EOF
aws ecs register-task-definition --cli-input-json "file://$work/backend-flask.json" >/dev/null
aws ecs register-task-definition --cli-input-json "file://$work/frontend-react-js.json" >/dev/null

# 12. Services, then the wait until both are stable
network="awsvpcConfiguration={subnets=[$DEFAULT_SUBNET_IDS],securityGroups=[$SRV_SG],assignPublicIp=ENABLED}"
deployment="deploymentCircuitBreaker={enable=true,rollback=true},maximumPercent=200,minimumHealthyPercent=100"
connect() {
  echo '{"enabled": true, "namespace": "cruddur", "services": [{"portName": "'"$1"'",
    "discoveryName": "'"$1"'", "clientAliases": [{"port": '"$2"'}]}]}'
}
aws ecs create-service --cluster cruddur --service-name backend-flask --task-definition backend-flask \
  --desired-count 1 --launch-type FARGATE --platform-version LATEST \
  --network-configuration "$network" \
  --load-balancers targetGroupArn="$BACKEND_TG",containerName=backend-flask,containerPort=4567 \
  --service-connect-configuration "$(connect backend-flask 4567)" \
  --deployment-configuration "$deployment" \
  --enable-execute-command --propagate-tags SERVICE --enable-ecs-managed-tags >/dev/null
aws ecs create-service --cluster cruddur --service-name frontend-react-js --task-definition frontend-react-js \
  --desired-count 1 --launch-type FARGATE --platform-version LATEST \
  --network-configuration "$network" \
  --load-balancers targetGroupArn="$FRONTEND_TG",containerName=frontend-react-js,containerPort=3000 \
  --service-connect-configuration "$(connect frontend-react-js 3000)" \
  --deployment-configuration "$deployment" \
  --propagate-tags SERVICE --enable-ecs-managed-tags >/dev/null
aws ecs wait services-stable --cluster cruddur --services backend-flask frontend-react-js

echo "aws commands: $(wc -l < "$work/commands")"
echo "aws command time: $(awk '{t += $1} END {print t}' "$work/commands") ms"
echo "slowest: $(sort -rn "$work/commands" | head -3 | awk '{printf "%s%s %s %s (%d ms)", (NR > 1 ? ", " : ""), $2, $3, $4, $1}')"
