/**
 * The AWS CLI's JSON inputs, both ways: {@link io.cruddur.awscli.AwsCliImport} turns
 * {@code aws ecs register-task-definition} and {@code aws ecs create-service} input files into a stack (and a stack
 * file, with {@link io.cruddur.awscli.StackWriter}); {@link io.cruddur.awscli.AwsCliExport} writes them back from
 * a plan. The fields each supports, maps or rejects are listed in {@code docs/aws-cli-json.md}.
 */
package io.cruddur.awscli;
